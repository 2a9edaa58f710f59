using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// The "modelled vs realised" check. Replays the candles through the same <see cref="LiquidationLevelModel"/> as the
/// heatmap; before each bar it takes the clusters the profile would report (bands of
/// <see cref="LiquidationLevelOptions.ClusterBandFraction"/> × the previous close, the
/// <see cref="LiquidationLevelOptions.ClusterCount"/> largest per side). A cluster is <b>entered</b> by the first bar
/// that trades into its band (its estimate is taken then) and <b>swept</b> when a bar, within
/// <see cref="MaxSweepBars"/> bars, trades through the band's far edge (the bottom for longs, the top for shorts). The
/// realised side is every liquidation event of the same side whose fill price lies in the band and whose time lies
/// between the entering bar's open and the sweeping bar's end. Pure: the caller passes the snapshot, the events and the window.
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
        // Clusters price has entered but not yet crossed: band, estimate when first touched, first touching bar.
        var pending = new List<(PositionSide Side, decimal Low, decimal High, decimal Usd, DateTimeOffset Start, int Bars)>();
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
                foreach (var cluster in profile.LongClusters.Concat(profile.ShortClusters))
                {
                    var (low, high) = Band(cluster.Price, mark, mark * width);
                    var touched = cluster.Side == PositionSide.Long ? bar.Low < high : bar.High >= low;
                    if (touched && !pending.Any(p => p.Side == cluster.Side && p.Low < high && low < p.High))
                    {
                        pending.Add((cluster.Side, low, high, cluster.NotionalUsd, bar.OpenTime, 0));
                    }
                }
                var end = bar.OpenTime + interval;
                for (var p = pending.Count - 1; p >= 0; p--)
                {
                    var c = pending[p];
                    var crossed = c.Side == PositionSide.Long ? bar.Low <= c.Low : bar.High >= c.High;
                    if (crossed)
                    {
                        var (usd, count) = Realised(mine, c.Side, c.Low, c.High, c.Start, end);
                        sweeps.Add(new LiquidationSweep(c.Side, c.Low, c.High, c.Usd, usd, count, c.Start, end));
                        pending.RemoveAt(p);
                    }
                    else if (c.Bars + 1 >= MaxSweepBars)
                    {
                        pending.RemoveAt(p); // entered but never crossed: not a sweep
                    }
                    else
                    {
                        pending[p] = c with { Bars = c.Bars + 1 };
                    }
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
        sweeps.Sort((x, y) => x.End.CompareTo(y.End) != 0 ? x.End.CompareTo(y.End) : x.Start.CompareTo(y.Start));
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

    /// <summary>Bars a touched cluster has to be crossed in (counting the touching bar), else it is dropped.</summary>
    public const int MaxSweepBars = 12;

    private static (decimal Usd, int Count) Realised(List<Liquidation> events, PositionSide side, decimal low, decimal high, DateTimeOffset start, DateTimeOffset end)
    {
        decimal usd = 0m;
        var count = 0;
        foreach (var e in events)
        {
            var price = e.AveragePrice != 0m ? e.AveragePrice : e.Price;
            if (e.Side == side && e.Time >= start && e.Time < end && price >= low && price < high)
            {
                usd += e.NotionalUsd;
                count++;
            }
        }
        return (usd, count);
    }

    /// <summary>The band [mark + n·width, mark + (n+1)·width) holding <paramref name="price"/> (as the profile groups levels).</summary>
    private static (decimal Low, decimal High) Band(decimal price, decimal mark, decimal width)
    {
        var n = decimal.Floor((price - mark) / width);
        return (mark + (n * width), mark + ((n + 1) * width));
    }
}
