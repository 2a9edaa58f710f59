using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

/// <summary>
/// Liquidated notional of one symbol from the stream, per venue, summed per second of event time (at most one
/// window's worth of seconds is kept per venue, whatever the event rate).
/// </summary>
internal sealed class LiquidationBuffer
{
    private readonly Dictionary<string, VenueSeconds> _venues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(Liquidation liquidation, DateTimeOffset now, TimeSpan window)
    {
        lock (_gate)
        {
            // No venue: the primary venue's own stream (named when the split is read).
            var venue = liquidation.Venue ?? string.Empty;
            if (!_venues.TryGetValue(venue, out var seconds))
            {
                seconds = new VenueSeconds();
                _venues[venue] = seconds;
            }
            seconds.Add(liquidation, now, window);
        }
    }

    /// <summary>Each venue's total in the window, largest first; <paramref name="primaryVenue"/> names the events without a venue.</summary>
    public IReadOnlyList<LiquidationVenueUsd> ByVenue(DateTimeOffset now, TimeSpan window, string primaryVenue)
    {
        lock (_gate)
        {
            var byVenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (venue, seconds) in _venues)
            {
                var name = venue.Length == 0 ? primaryVenue : venue;
                byVenue[name] = byVenue.GetValueOrDefault(name) + seconds.Sum(now, window);
            }
            return AlertEvaluator.OrderVenues(byVenue);
        }
    }
}

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
