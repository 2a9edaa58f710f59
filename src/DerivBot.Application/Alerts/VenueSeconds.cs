using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

/// <summary>One venue's seconds (the caller holds the lock).</summary>
internal sealed class VenueSeconds
{
    private readonly Queue<(long Second, decimal Usd)> _seconds = new();
    private long _lastSecond = long.MinValue;
    private decimal _lastUsd;

    public void Add(Liquidation liquidation, DateTimeOffset now, TimeSpan window)
    {
        var second = liquidation.Time.ToUnixTimeSeconds();
        if (second <= _lastSecond)
        {
            // Same second (or a slightly late event): coalesce into the newest bucket.
            _lastUsd += liquidation.NotionalUsd;
        }
        else
        {
            Flush();
            _lastSecond = second;
            _lastUsd = liquidation.NotionalUsd;
        }
        var oldest = (now - window).ToUnixTimeSeconds();
        while (_seconds.Count > 0 && _seconds.Peek().Second < oldest)
        {
            _seconds.Dequeue();
        }
    }

    public decimal Sum(DateTimeOffset now, TimeSpan window)
    {
        var from = (now - window).ToUnixTimeSeconds();
        // No upper bound: exchange event times may run slightly ahead of our clock.
        var sum = _seconds.Where(b => b.Second >= from).Sum(b => b.Usd);
        return _lastSecond >= from ? sum + _lastUsd : sum;
    }

    private void Flush()
    {
        if (_lastSecond != long.MinValue)
        {
            _seconds.Enqueue((_lastSecond, _lastUsd));
        }
    }
}
