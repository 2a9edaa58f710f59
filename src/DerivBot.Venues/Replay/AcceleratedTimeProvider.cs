namespace DerivBot.Venues.Replay;

/// <summary>
/// A clock that starts at a chosen instant and runs <see cref="Speed"/> times faster than an inner clock (the system
/// clock by default). Everything that takes a <see cref="TimeProvider"/> speeds up consistently: <see cref="GetUtcNow"/>,
/// <see cref="GetTimestamp"/> (so elapsed-time measurements scale) and <see cref="CreateTimer"/> (so
/// <c>Task.Delay(d, provider)</c>, <c>CancellationTokenSource(d, provider)</c> and Quartz timers fire after d / speed
/// of real time). The demo uses it to replay days of the scenario in under a minute.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _innerStart;

    /// <param name="start">The instant <see cref="GetUtcNow"/> returns at construction.</param>
    /// <param name="speed">Scenario seconds per real second; 1 = real time. Must be positive.</param>
    /// <param name="inner">The real clock (tests pass a manual one).</param>
    public AcceleratedTimeProvider(DateTimeOffset start, double speed, TimeProvider? inner = null)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive, finite number.");
        }
        Start = start.ToUniversalTime();
        Speed = speed;
        _inner = inner ?? System;
        _innerStart = _inner.GetTimestamp();
    }

    public DateTimeOffset Start { get; }

    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Start + Scale(_inner.GetElapsedTime(_innerStart));

    public override long GetTimestamp() => _innerStart + (long)((_inner.GetTimestamp() - _innerStart) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period)), this);

    private TimeSpan Scale(TimeSpan real) => TimeSpan.FromTicks((long)(real.Ticks * Speed));

    /// <summary>A scenario duration as real time; infinite and non-positive spans keep their meaning.</summary>
    internal TimeSpan ToInner(TimeSpan scenario)
    {
        if (scenario == Timeout.InfiniteTimeSpan || scenario <= TimeSpan.Zero)
        {
            return scenario;
        }
        // Never round a real wait down to zero: for a period that would mean "not periodic".
        return TimeSpan.FromTicks(Math.Max(1, (long)(scenario.Ticks / Speed)));
    }

    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.ToInner(dueTime), owner.ToInner(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
