using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// One estimated cluster that price traded through, with what was actually liquidated there ("modelled vs realised").
/// </summary>
/// <param name="Side">Long clusters are swept by a low at or below the band's bottom; short clusters by a high at or above its top.</param>
/// <param name="BandLow">Bottom of the cluster's price band (inclusive).</param>
/// <param name="BandHigh">Top of the band (exclusive; the band is <see cref="LiquidationLevelOptions.ClusterBandFraction"/> × the mark wide).</param>
/// <param name="EstimatedUsd">The cluster's estimated notional just before the sweeping bar, USD.</param>
/// <param name="RealisedUsd">Liquidations of that side with a fill price inside the band during the bar, USD — a lower bound (see <see cref="LiquidationSweeps"/>).</param>
/// <param name="RealisedCount">How many liquidation events that sum holds.</param>
/// <param name="Start">Open of the sweeping bar.</param>
/// <param name="End">Its end (the next bar's open): the realised window is [Start, End).</param>
public sealed record LiquidationSweep(
    PositionSide Side,
    decimal BandLow,
    decimal BandHigh,
    decimal EstimatedUsd,
    decimal RealisedUsd,
    int RealisedCount,
    DateTimeOffset Start,
    DateTimeOffset End)
{
    /// <summary>Realised / estimated, or null when nothing was estimated.</summary>
    public decimal? Ratio => EstimatedUsd > 0m ? RealisedUsd / EstimatedUsd : null;
}

/// <summary>Sums of sweeps that ended inside one look-back window.</summary>
/// <param name="Covered">How much of the window the replayed history reaches (≤ <paramref name="Window"/>).</param>
public sealed record SweepCalibration(TimeSpan Window, int Sweeps, decimal EstimatedUsd, decimal RealisedUsd, TimeSpan Covered)
{
    /// <summary>Realised / estimated over all sweeps in the window, or null with none.</summary>
    public decimal? Ratio => EstimatedUsd > 0m ? RealisedUsd / EstimatedUsd : null;
}

/// <summary>
/// The "modelled vs realised" check. Replays the candles through the same <see cref="LiquidationLevelModel"/> as the
/// heatmap; before each bar it takes the clusters the profile would report (bands of
/// <see cref="LiquidationLevelOptions.ClusterBandFraction"/> × the previous close, the
/// <see cref="LiquidationLevelOptions.ClusterCount"/> largest per side). A cluster is <b>swept</b> when the bar trades
/// through its whole band. The realised side is every liquidation event of the same side whose fill price lies in the
/// band and whose time lies in the sweeping bar. Pure: the caller passes the snapshot, the events and the window.
/// Realised totals are a lower bound: Binance's stream sends at most one liquidation per symbol per second, and
/// other venues are missing until their streams are merged into the events passed in.
/// </summary>
public static class LiquidationSweeps
{
    /// <summary>Sweeps of clusters by candles opened in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    /// <param name="events">Realised liquidations (any venue; other symbols are ignored), any order.</param>
    public static IReadOnlyList<LiquidationSweep> Detect(MarketSnapshot snapshot, IReadOnlyList<Liquidation> events, DateTimeOffset from, DateTimeOffset to, LiquidationLevelOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var k = snapshot.Klines;
        var oi = snapshot.OpenInterest;
        var sweeps = new List<LiquidationSweep>();
        if (k.Count == 0 || oi.Count == 0)
        {
            return sweeps;
        }
        var mine = events.Where(e => e.Symbol == snapshot.Symbol).OrderBy(e => e.Time).ToList();
        var interval = snapshot.KlineInterval.ToTimeSpan();
        var model = new LiquidationLevelModel(options);
        var width = options.ClusterBandFraction;
        for (var i = 0; i < k.Count; i++)
        {
            var bar = k[i];
            if (bar.OpenTime > to)
            {
                break;
            }
            if (bar.OpenTime >= from && i > 0 && model.BarsApplied > 0)
            {
                var mark = k[i - 1].Close;
                var profile = model.Profile(mark, width, options.ClusterCount);
                var end = bar.OpenTime + interval;
                foreach (var cluster in profile.LongClusters.Concat(profile.ShortClusters))
                {
                    var (low, high) = Band(cluster.Price, mark, mark * width);
                    var swept = cluster.Side == PositionSide.Long ? bar.Low <= low : bar.High >= high;
                    if (!swept)
                    {
                        continue;
                    }
                    decimal realised = 0m;
                    var count = 0;
                    foreach (var e in mine)
                    {
                        var price = e.AveragePrice != 0m ? e.AveragePrice : e.Price;
                        if (e.Side == cluster.Side && e.Time >= bar.OpenTime && e.Time < end && price >= low && price < high)
                        {
                            realised += e.NotionalUsd;
                            count++;
                        }
                    }
                    sweeps.Add(new LiquidationSweep(cluster.Side, low, high, cluster.NotionalUsd, realised, count, bar.OpenTime, end));
                }
            }
            var b = SeriesMath.LastAtOrBefore(oi, p => p.Time, bar.OpenTime);
            var a = SeriesMath.LastAtOrBefore(oi, p => p.Time, bar.OpenTime + interval);
            if (b >= 0 && a >= 0)
            {
                model.Apply(bar, oi[b].Contracts, oi[a].Contracts, LiquidationLevels.SplitRatio(snapshot, bar));
            }
            else
            {
                model.Apply(bar, 0m, 0m, null);
            }
        }
        return sweeps;
    }

    /// <summary>Totals of the sweeps that ended in (now − window, now]; <paramref name="historyStart"/> is where the replay began.</summary>
    public static SweepCalibration Calibrate(IReadOnlyList<LiquidationSweep> sweeps, DateTimeOffset now, TimeSpan window, DateTimeOffset historyStart)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var from = now - window;
        var inside = sweeps.Where(s => s.End > from && s.End <= now).ToList();
        var covered = now - (historyStart > from ? historyStart : from);
        return new SweepCalibration(window, inside.Count, inside.Sum(s => s.EstimatedUsd), inside.Sum(s => s.RealisedUsd), covered < TimeSpan.Zero ? TimeSpan.Zero : covered);
    }

    /// <summary>The band [mark + n·width, mark + (n+1)·width) holding <paramref name="price"/> (as the profile groups levels).</summary>
    private static (decimal Low, decimal High) Band(decimal price, decimal mark, decimal width)
    {
        var n = decimal.Floor((price - mark) / width);
        return (mark + (n * width), mark + ((n + 1) * width));
    }
}
