using DerivBot.Application.Reports;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Study;

public sealed partial class RecapCommand
{
    /// <summary>The week of one symbol (pure: snapshot and now in).</summary>
    public static SymbolWeek Summarize(MarketSnapshot snapshot, DateTimeOffset now, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var from = now - Week;
        var changes = new List<(DateTimeOffset, QuadrantState, QuadrantState)>();
        QuadrantState? previous = null;
        for (var t = from; t <= now; t += QuadrantStep)
        {
            var q = SignalEngine.Compute(snapshot, t, options).Quadrant;
            if (q.Status != SignalStatus.Ok)
            {
                continue;
            }
            if (previous is { } p && p != q.State)
            {
                changes.Add((t, p, q.State));
            }
            previous = q.State;
        }
        var current = SignalEngine.Compute(snapshot, now, options).Quadrant;
        var settled = snapshot.FundingHistory.Where(f => f.Time > from && f.Time <= now).ToList();
        var factor = 8m / Math.Max(1, snapshot.FundingIntervalHours);
        (decimal, DateTimeOffset)? high = settled.Count == 0 ? null : settled.MaxBy(f => f.Rate) is var h ? (h.Rate * factor, h.Time) : null;
        (decimal, DateTimeOffset)? low = settled.Count == 0 ? null : settled.MinBy(f => f.Rate) is var l ? (l.Rate * factor, l.Time) : null;
        var buckets = snapshot.Liquidations.Where(e => e.Symbol == snapshot.Symbol && e.Time > from && e.Time <= now)
            .GroupBy(e => e.Time.ToUnixTimeSeconds() / (long)CascadeBucket.TotalSeconds)
            .Select(g => (Start: DateTimeOffset.FromUnixTimeSeconds(g.Key * (long)CascadeBucket.TotalSeconds), Usd: g.Sum(e => e.NotionalUsd),
                Side: g.Where(e => e.Side == PositionSide.Long).Sum(e => e.NotionalUsd) >= g.Where(e => e.Side == PositionSide.Short).Sum(e => e.NotionalUsd) ? PositionSide.Long : PositionSide.Short))
            .OrderByDescending(b => b.Usd).ThenBy(b => b.Start)
            .ToList();
        var sweeps = SweepReports.Sweeps(snapshot, options.LiquidationLevels, now);
        var start = SweepReports.CheckedFrom(snapshot, now);
        return new SymbolWeek(snapshot.Symbol, changes, current.Status == SignalStatus.Ok ? current.State : null, high, low,
            buckets.Count == 0 ? null : buckets[0], LiquidationSweeps.Calibrate(sweeps, now, Week, start));
    }
}
