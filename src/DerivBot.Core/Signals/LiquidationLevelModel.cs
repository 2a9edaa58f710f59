using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// Incremental estimate of where open positions would be liquidated (docs/liquidation-levels.md).
/// Feed it one bar at a time with <see cref="Apply"/>. Not thread-safe: one model per symbol and caller.
/// </summary>
/// <remarks>
/// Per bar, in this order: (1) levels the bar traded through are removed (bar low ≤ long level, bar high ≥ short
/// level); (2) if OI fell, every remaining level is scaled by oiAfter / oiBefore; (3) if OI rose, the new contracts ×
/// the bar's typical price (H+L+C)/3 are split long/short by the taker ratio and spread over the leverage tiers, at
/// entry × (1 − 1/L + mm) for longs and entry × (1 + 1/L − mm) for shorts. New levels are not tested against their own
/// bar (the order of trades inside a bar is unknown).
/// </remarks>
public sealed class LiquidationLevelModel
{
    private readonly decimal[] _longFactor;
    private readonly decimal[] _shortFactor;
    private readonly decimal[] _weight;
    private readonly decimal _mergeTolerance;

    // Longs sorted ascending by price and shorts descending, so levels a bar trades through are always a tail.
    private readonly List<Entry> _longs = [];
    private readonly List<Entry> _shorts = [];

    // Stored notional × _scale = USD outstanding; an OI drop multiplies one number instead of every level.
    private decimal _scale = 1m;

    public LiquidationLevelModel(LiquidationLevelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tiers = options.EffectiveTiers.Where(t => t is not null && t.Leverage > 1m && t.Weight > 0m).ToArray();
        var total = tiers.Sum(t => t.Weight);
        if (tiers.Length == 0 || total <= 0m)
        {
            throw new ArgumentException("Signals:LiquidationLevels:Tiers needs at least one tier with Leverage > 1 and Weight > 0.", nameof(options));
        }
        var mm = options.MaintenanceMargin;
        _longFactor = [.. tiers.Select(t => 1m - (1m / t.Leverage) + mm)];
        _shortFactor = [.. tiers.Select(t => 1m + (1m / t.Leverage) - mm)];
        _weight = [.. tiers.Select(t => t.Weight / total)];
        _mergeTolerance = options.MergeTolerance;
    }

    /// <summary>Bars applied so far.</summary>
    public int BarsApplied { get; private set; }

    /// <summary>Close of the last bar applied (0 before any).</summary>
    public decimal LastClose { get; private set; }

    public int LongLevelCount => _longs.Count;
    public int ShortLevelCount => _shorts.Count;

    public decimal TotalLongUsd => Sum(_longs) * _scale;
    public decimal TotalShortUsd => Sum(_shorts) * _scale;

    /// <summary>Applies one bar.</summary>
    /// <param name="oiBefore">Open interest in contracts at the bar's open.</param>
    /// <param name="oiAfter">Open interest in contracts at the bar's close.</param>
    /// <param name="takerBuySellRatio">Taker buy / sell volume for the bar (the long/short ratio when unknown);
    /// long share = r / (1 + r). Null, negative or unknown: an even split.</param>
    public void Apply(in Kline bar, decimal oiBefore, decimal oiAfter, decimal? takerBuySellRatio)
    {
        BarsApplied++;
        LastClose = bar.Close;

        // 1. Trading through a level liquidates it.
        RemoveFrom(_longs, bar.Low, descending: false);
        RemoveFrom(_shorts, bar.High, descending: true);

        if (oiBefore < 0m || oiAfter < 0m)
        {
            return; // nonsense OI: leave the book as is rather than invent positions
        }

        // 2. OI fell: positions closed somewhere; without knowing where, shrink every level pro rata.
        if (oiAfter < oiBefore)
        {
            _scale *= oiAfter / oiBefore;
            if (_scale == 0m)
            {
                _longs.Clear();
                _shorts.Clear();
                _scale = 1m;
            }
            else if (_scale < 1e-9m)
            {
                Renormalize();
            }
            return;
        }

        // 3. OI rose: new positions opened at the bar's typical price.
        var added = oiAfter - oiBefore;
        if (added == 0m)
        {
            return;
        }
        var entry = (bar.High + bar.Low + bar.Close) / 3m;
        if (entry <= 0m)
        {
            return;
        }
        var usd = added * entry;
        var longShare = takerBuySellRatio is { } r && r >= 0m ? r / (1m + r) : 0.5m;
        var longUsd = usd * longShare / _scale;
        var shortUsd = (usd / _scale) - longUsd;
        for (var t = 0; t < _weight.Length; t++)
        {
            if (longUsd > 0m)
            {
                Insert(_longs, entry * _longFactor[t], longUsd * _weight[t], descending: false);
            }
            if (shortUsd > 0m)
            {
                Insert(_shorts, entry * _shortFactor[t], shortUsd * _weight[t], descending: true);
            }
        }
    }

    /// <summary>Every outstanding level: longs from the highest price down, then shorts from the lowest up.</summary>
    public IReadOnlyList<LiquidationLevel> Levels()
    {
        var result = new List<LiquidationLevel>(_longs.Count + _shorts.Count);
        for (var i = _longs.Count - 1; i >= 0; i--)
        {
            result.Add(new LiquidationLevel(PositionSide.Long, _longs[i].Price, _longs[i].Notional * _scale));
        }
        for (var i = _shorts.Count - 1; i >= 0; i--)
        {
            result.Add(new LiquidationLevel(PositionSide.Short, _shorts[i].Price, _shorts[i].Notional * _scale));
        }
        return result;
    }

    /// <summary>
    /// Totals and the largest clusters per side: levels are grouped into bands of
    /// <paramref name="bandFraction"/> × mark anchored at the mark; a cluster's price is its USD-weighted mean.
    /// </summary>
    public LiquidationProfile Profile(decimal markPrice, decimal bandFraction, int count)
    {
        return new LiquidationProfile(
            markPrice, TotalLongUsd, TotalShortUsd,
            Clusters(_longs, PositionSide.Long, markPrice, bandFraction, count),
            Clusters(_shorts, PositionSide.Short, markPrice, bandFraction, count));
    }

    /// <summary>Adds the outstanding notional into one grid column (levels outside the grid are not drawn).</summary>
    internal void AddColumn(decimal[] longCells, decimal[] shortCells, int offset, decimal priceMin, decimal bucketSize, int buckets)
    {
        AddSide(_longs, longCells, offset, priceMin, bucketSize, buckets);
        AddSide(_shorts, shortCells, offset, priceMin, bucketSize, buckets);
    }

    private void AddSide(List<Entry> side, decimal[] cells, int offset, decimal priceMin, decimal bucketSize, int buckets)
    {
        foreach (var e in side)
        {
            var b = (e.Price - priceMin) / bucketSize;
            if (b >= 0m && b < buckets)
            {
                cells[offset + (int)b] += e.Notional * _scale;
            }
        }
    }

    private IReadOnlyList<LiquidationCluster> Clusters(List<Entry> side, PositionSide which, decimal mark, decimal bandFraction, int count)
    {
        if (side.Count == 0 || mark <= 0m || bandFraction <= 0m || count <= 0)
        {
            return [];
        }
        var width = mark * bandFraction;
        var bands = new Dictionary<long, (decimal Usd, decimal UsdPrice)>();
        foreach (var e in side)
        {
            var key = (long)decimal.Floor((e.Price - mark) / width);
            bands.TryGetValue(key, out var acc);
            bands[key] = (acc.Usd + e.Notional, acc.UsdPrice + (e.Notional * e.Price));
        }
        return [.. bands.Values
            .Where(b => b.Usd > 0m)
            .OrderByDescending(b => b.Usd)
            .Take(count)
            .Select(b =>
            {
                var price = b.UsdPrice / b.Usd;
                return new LiquidationCluster(which, price, b.Usd * _scale, (price - mark) / mark);
            })];
    }

    private static void RemoveFrom(List<Entry> side, decimal through, bool descending)
    {
        // Tail elements are the ones closest to price: for longs (ascending) those ≥ low, for shorts (descending) ≤ high.
        var keep = side.Count;
        while (keep > 0 && (descending ? side[keep - 1].Price <= through : side[keep - 1].Price >= through))
        {
            keep--;
        }
        if (keep < side.Count)
        {
            side.RemoveRange(keep, side.Count - keep);
        }
    }

    private void Insert(List<Entry> side, decimal price, decimal notional, bool descending)
    {
        // Binary search for the first element that should come after `price`.
        int lo = 0, hi = side.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            var after = descending ? side[mid].Price < price : side[mid].Price > price;
            if (after)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        // Merge into the nearer neighbour when it is within tolerance: keeps the book small and sorted.
        var tolerance = price * _mergeTolerance;
        var best = -1;
        var bestDistance = decimal.MaxValue;
        for (var n = lo - 1; n <= lo; n++)
        {
            if (n >= 0 && n < side.Count)
            {
                var d = Math.Abs(side[n].Price - price);
                if (d <= tolerance && d < bestDistance)
                {
                    best = n;
                    bestDistance = d;
                }
            }
        }
        if (best >= 0)
        {
            var e = side[best];
            var total = e.Notional + notional;
            side[best] = new Entry((e.Price * e.Notional + price * notional) / total, total);
            return;
        }
        side.Insert(lo, new Entry(price, notional));
    }

    private void Renormalize()
    {
        for (var i = 0; i < _longs.Count; i++)
        {
            _longs[i] = _longs[i] with { Notional = _longs[i].Notional * _scale };
        }
        for (var i = 0; i < _shorts.Count; i++)
        {
            _shorts[i] = _shorts[i] with { Notional = _shorts[i].Notional * _scale };
        }
        _scale = 1m;
    }

    private static decimal Sum(List<Entry> side)
    {
        decimal s = 0m;
        foreach (var e in side)
        {
            s += e.Notional;
        }
        return s;
    }

    private readonly record struct Entry(decimal Price, decimal Notional);
}
