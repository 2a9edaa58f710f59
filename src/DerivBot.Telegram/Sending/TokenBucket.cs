namespace DerivBot.Telegram.Sending;

/// <summary>A token bucket on an injected clock: <c>capacity</c> tokens, refilled at <c>perSecond</c>. Not thread-safe (the send queue locks).</summary>
internal sealed class TokenBucket
{
    // Floating-point refill can land a hair under 1.0 exactly when a timer fires; without the tolerance the pump
    // would schedule sub-tick waits in a loop.
    private const double Epsilon = 1e-9;

    private readonly double capacity;
    private readonly double perSecond;
    private double _tokens;
    private DateTimeOffset _at;

    public TokenBucket(double capacity, double perSecond, DateTimeOffset now)
    {
        this.capacity = capacity;
        this.perSecond = perSecond;
        _tokens = capacity;
        _at = now;
    }

    public DateTimeOffset ReadyAt(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens >= 1 - Epsilon)
        {
            return now;
        }
        var seconds = (1 - _tokens) / perSecond;
        return now + TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
    }

    public void Take(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Max(_tokens - 1, -capacity);
    }

    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= capacity - Epsilon;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _at)
        {
            _tokens = Math.Min(capacity, _tokens + (now - _at).TotalSeconds * perSecond);
            _at = now;
        }
    }
}
