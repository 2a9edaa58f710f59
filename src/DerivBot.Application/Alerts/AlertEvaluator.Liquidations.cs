using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

public static partial class AlertEvaluator
{
    private static AlertObservation Liquidations(AlertCondition c, AlertContext ctx) =>
        new(true, ctx.RecentLiquidationsUsd >= c.Threshold, Subscriptions.SubscriptionTexts.Usd(ctx.RecentLiquidationsUsd))
        {
            Venues = ctx.RecentLiquidationsByVenue ?? [],
        };

    /// <summary>
    /// Liquidated notional in (now − <paramref name="window"/>, now] per venue, largest first; events without a venue
    /// are the <paramref name="primaryVenue"/>'s own stream. The parts sum to <see cref="LiquidationsInWindow"/>.
    /// </summary>
    public static IReadOnlyList<LiquidationVenueUsd> LiquidationsByVenueInWindow(IReadOnlyList<Liquidation> liquidations, DateTimeOffset now, TimeSpan window, string primaryVenue)
    {
        ArgumentNullException.ThrowIfNull(liquidations);
        var from = now - window;
        var byVenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = liquidations.Count - 1; i >= 0; i--)
        {
            var l = liquidations[i];
            if (l.Time <= from)
            {
                break;
            }
            var venue = l.Venue ?? primaryVenue;
            byVenue[venue] = byVenue.GetValueOrDefault(venue) + l.NotionalUsd;
        }
        return OrderVenues(byVenue);
    }

    /// <summary>Venues with a non-zero part, largest first (ties by id, so the order is stable).</summary>
    public static IReadOnlyList<LiquidationVenueUsd> OrderVenues(IEnumerable<KeyValuePair<string, decimal>> byVenue) =>
        byVenue.Where(kv => kv.Value != 0m)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new LiquidationVenueUsd(kv.Key, kv.Value))
            .ToList();

    /// <summary>Liquidated notional in (now − 5 min, now] from a list of liquidations.</summary>
    public static decimal LiquidationsInWindow(IReadOnlyList<Liquidation> liquidations, DateTimeOffset now, TimeSpan window)
    {
        var from = now - window;
        var sum = 0m;
        for (var i = liquidations.Count - 1; i >= 0; i--)
        {
            var l = liquidations[i];
            if (l.Time <= from)
            {
                break;
            }
            sum += l.NotionalUsd;
        }
        return sum;
    }
}
