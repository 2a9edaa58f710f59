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
