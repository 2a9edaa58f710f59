using DerivBot.Core.Markets;

namespace DerivBot.Application.Venues;

/// <summary>What the quadrant reads from the aggregate, and what the footer says about it.</summary>
/// <param name="QuadrantSnapshot">The primary venue's snapshot with the aggregate fed in (see <see cref="AggregateInputs"/>).</param>
/// <param name="OiVenues">Venues whose summed OI history replaced the primary venue's; empty when the primary's OI was kept.</param>
/// <param name="FundingVenues">Venues whose OI-weighted funding set the level; empty when the primary's funding was kept.</param>
public sealed record AggregateView(VenueSnapshot Venues, MarketSnapshot QuadrantSnapshot, IReadOnlyList<string> OiVenues, IReadOnlyList<string> FundingVenues);

/// <summary>
/// Feeds the cross-venue aggregate to the signal engine at the Application layer, leaving the engine untouched: the
/// quadrant is evaluated on a copy of the primary venue's snapshot whose
/// <list type="bullet">
/// <item><description>open interest is the SUMMED OI series (coins and USD) of the venues whose history covers the longest
/// of 24 h / 4 h / 1 h for which they hold at least half of the aggregate OI, on the primary's own timestamps
/// (<see cref="VenueMath.SummedSeries"/>) — never one venue's change scaled up;</description></item>
/// <item><description>funding level is the OI-weighted 8 h rate across the venues that answered, converted to the primary's
/// interval; the primary's predicted-rate samples are shifted by the same difference, so the funding CHANGE the quadrant
/// also reads still comes from the primary venue (the bot keeps no funding history of the other venues).</description></item>
/// </list>
/// Without an aggregate (one venue, or too little coverage) the primary's own inputs stay.
/// </summary>
public static class AggregateInputs
{
    private static readonly TimeSpan[] Windows = [TimeSpan.FromHours(24), TimeSpan.FromHours(4), TimeSpan.FromHours(1)];

    public static AggregateView? For(MarketSnapshot snapshot, VenueSnapshot? venues, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (venues is null || !venues.HasData || venues.Comparison.Aggregate.Venues < 2)
        {
            return null;
        }
        var aggregate = venues.Comparison.Aggregate;
        var quadrant = snapshot;
        IReadOnlyList<string> oiVenues = [];
        var summed = SummedOpenInterest(snapshot, venues, now);
        if (summed is { } s)
        {
            quadrant = quadrant with { OpenInterest = s.Series };
            oiVenues = s.Venues;
        }
        IReadOnlyList<string> fundingVenues = [];
        if (aggregate.OiWeightedEightHourRate is { } weighted8h && snapshot.Premium is { } premium)
        {
            var interval = Math.Max(1, snapshot.FundingIntervalHours);
            var level = weighted8h * interval / 8m;
            var shift = level - premium.FundingRate;
            quadrant = quadrant with
            {
                Premium = premium with { FundingRate = level },
                PredictedFunding = snapshot.PredictedFunding.Select(p => p with { Rate = p.Rate + shift }).ToList(),
            };
            fundingVenues = venues.Comparison.Rows.Where(r => !r.Stale && r.EightHourRate is not null).Select(r => r.Stat.Venue).ToList();
        }
        return oiVenues.Count == 0 && fundingVenues.Count == 0 ? null : new AggregateView(venues, quadrant, oiVenues, fundingVenues);
    }

    private static (IReadOnlyList<OpenInterestPoint> Series, IReadOnlyList<string> Venues)? SummedOpenInterest(MarketSnapshot snapshot, VenueSnapshot venues, DateTimeOffset now)
    {
        var totalUsd = venues.Comparison.Aggregate.OpenInterestUsd;
        if (totalUsd <= 0m || snapshot.OpenInterest.Count == 0)
        {
            return null;
        }
        var rows = venues.Comparison.Rows.Where(r => !r.Stale).ToDictionary(r => r.Stat.Venue, r => r.Stat.OpenInterestUsd, StringComparer.Ordinal);
        foreach (var window in Windows)
        {
            var from = now - window;
            var tolerance = VenueMath.Tolerance(window);
            var covering = venues.Histories
                .Where(h => h.Value.Count > 1 && h.Value[0].Time <= from + tolerance && now - h.Value[^1].Time <= tolerance && rows.ContainsKey(h.Key))
                .ToList();
            if (covering.Count < 2 || covering.Sum(h => rows[h.Key]) / totalUsd < VenueMath.MinChangeCoverage)
            {
                continue;
            }
            var start = covering.Max(h => h.Value[0].Time);
            var times = snapshot.OpenInterest.Select(p => p.Time).Where(t => t >= start && t <= now).ToList();
            var series = VenueMath.SummedSeries(covering.Select(h => h.Value).ToList(), times, tolerance);
            if (series.Count >= 2)
            {
                return (series, covering.Select(h => h.Key).ToList());
            }
        }
        return null;
    }
}
