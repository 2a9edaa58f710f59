namespace DerivBot.Host.Hosting;

/// <summary>
/// A real-time clock that can be held still. The demo runs its accelerated scenario clock on top of it, so that
/// scenario time does not race ahead while the demo chat is being set up or questions are answered (which take
/// real seconds on a loaded machine), and advances only while the worker is running.
/// </summary>
public sealed class HoldableTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly object _gate = new();
    private long _heldAt;
    private long _pausedTicks;
    private bool _held;

    public HoldableTimeProvider(TimeProvider? real = null, bool startHeld = true)
    {
        _real = real ?? System;
        if (startHeld)
        {
            _held = true;
            _heldAt = _real.GetTimestamp();
        }
    }

    public override long TimestampFrequency => _real.TimestampFrequency;

    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (_held ? _heldAt : _real.GetTimestamp()) - _pausedTicks;
        }
    }

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() - TimeSpan.FromSeconds((double)(_real.GetTimestamp() - GetTimestamp()) / TimestampFrequency);

    // Timers keep real time: nothing that waits runs while the clock is held, and a held clock must not stall shutdown.
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    public void Hold()
    {
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                _heldAt = _real.GetTimestamp();
            }
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            if (_held)
            {
                _pausedTicks += _real.GetTimestamp() - _heldAt;
                _held = false;
            }
        }
    }
}
