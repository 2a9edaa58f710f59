using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 8 convenience: runs a <see cref="LiquidationLevelModel"/> over a snapshot's candles and records the heatmap grid.</summary>
public static class LiquidationLevels
{
    /// <summary>
    /// Replays the candles opened in [<paramref name="from"/>, <paramref name="to"/>] through a fresh model, one grid
    /// column per candle. OI before/after each candle is the newest OI point at or before its open / its open + interval. The long/short
    /// split uses the candle's own taker buy/sell volume, else the taker-volume series, else the global account ratio,
    /// else an even split. The profile's mark is the premium index mark price, else the last close.
    /// <para>
    /// <paramref name="marketOpenInterest"/> (coins, oldest first) is the OI summed across venues, when the caller has it:
    /// bars inside its span take their OI change from it, so the book counts positions opened on every venue that answered,
    /// not on the primary alone. Bars before it starts (it only goes back as far as the venues' history) take the
    /// primary's own change expressed in market size: the primary's OI times (market OI ÷ primary OI) at the market
    /// series' first point, so the book does not jump where the two series meet. Null or too short: the primary's series.
    /// </para>
    /// </summary>
    public static LiquidationLevelResult Build(MarketSnapshot snapshot, DateTimeOffset from, DateTimeOffset to, LiquidationLevelOptions options, IReadOnlyList<OpenInterestPoint>? marketOpenInterest = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);

        var k = snapshot.Klines;
        var first = SeriesMath.LastAtOrBefore(k, x => x.OpenTime, from);
        if (first < 0 || k[first].OpenTime < from)
        {
            first++;
        }
        var last = SeriesMath.LastAtOrBefore(k, x => x.OpenTime, to);
        var bars = last - first + 1;
        var oi = snapshot.OpenInterest;
        if (bars <= 0 || oi.Count == 0)
        {
            return new LiquidationLevelResult(SignalStatus.InsufficientData, null, null, 0,
                SignalReason.Of("levels.insufficient_data", ("bars", Math.Max(0, bars)), ("oi_points", oi.Count)));
        }

        decimal low = decimal.MaxValue, high = 0m;
        for (var i = first; i <= last; i++)
        {
            low = Math.Min(low, k[i].Low);
            high = Math.Max(high, k[i].High);
        }
        if (low <= 0m || high < low)
        {
            return new LiquidationLevelResult(SignalStatus.InsufficientData, null, null, 0,
                SignalReason.Of("levels.invalid_prices", ("low", low == decimal.MaxValue ? 0m : low), ("high", high)));
        }

        var buckets = Math.Max(2, options.GridBuckets);
        var priceMin = low * (1m - options.GridMargin);
        var priceMax = high * (1m + options.GridMargin);
        if (priceMax <= priceMin)
        {
            priceMax = priceMin + Math.Max(priceMin * 0.01m, 1e-8m);
        }
        var bucketSize = (priceMax - priceMin) / buckets;

        var model = new LiquidationLevelModel(options);
        var times = new DateTimeOffset[bars];
        var longCells = new decimal[bars * buckets];
        var shortCells = new decimal[bars * buckets];
        var interval = snapshot.KlineInterval.ToTimeSpan();
        var withOi = 0;
        var market = marketOpenInterest is { Count: >= 2 } ? marketOpenInterest : null;
        var primaryScale = 1m;
        if (market is not null)
        {
            var p0 = SeriesMath.LastAtOrBefore(oi, p => p.Time, market[0].Time);
            primaryScale = p0 >= 0 && oi[p0].Contracts > 0m && market[0].Contracts > 0m ? market[0].Contracts / oi[p0].Contracts : 1m;
        }
        for (var i = first; i <= last; i++)
        {
            var bar = k[i];
            // The bar ends where the next one opens (Binance's CloseTime is 1 ms earlier and would miss the OI
            // point stamped exactly at the boundary).
            var close = bar.OpenTime + interval;
            var mb = market is null ? -1 : SeriesMath.LastAtOrBefore(market, p => p.Time, bar.OpenTime);
            var ma = market is null ? -1 : SeriesMath.LastAtOrBefore(market, p => p.Time, close);
            var b = SeriesMath.LastAtOrBefore(oi, p => p.Time, bar.OpenTime);
            var a = SeriesMath.LastAtOrBefore(oi, p => p.Time, close);
            if (mb >= 0 && ma >= 0)
            {
                model.Apply(bar, market![mb].Contracts, market[ma].Contracts, SplitRatio(snapshot, bar));
                withOi++;
            }
            else if (b >= 0 && a >= 0)
            {
                model.Apply(bar, oi[b].Contracts * primaryScale, oi[a].Contracts * primaryScale, SplitRatio(snapshot, bar));
                withOi++;
            }
            else
            {
                // No OI yet: nothing can be attributed, but the bar still consumes levels it trades through.
                model.Apply(bar, 0m, 0m, null);
            }
            var column = i - first;
            times[column] = bar.OpenTime;
            model.AddColumn(longCells, shortCells, column * buckets, priceMin, bucketSize, buckets);
        }

        var mark = snapshot.Premium?.MarkPrice is { } m && m > 0m ? m : k[last].Close;
        var profile = model.Profile(mark, options.ClusterBandFraction, options.ClusterCount);
        var grid = new LiquidationLevelGrid(times, priceMin, bucketSize, buckets, longCells, shortCells);
        var status = withOi > 0 ? SignalStatus.Ok : SignalStatus.InsufficientData;
        var code = withOi > 0 ? "levels.estimated" : "levels.no_oi_overlap";
        return new LiquidationLevelResult(status, grid, profile, bars,
            SignalReason.Of(code, ("bars", bars), ("bars_with_oi", withOi), ("long_usd", profile.TotalLongUsd), ("short_usd", profile.TotalShortUsd)));
    }

    /// <summary>Taker buy/sell ratio for a candle, falling back as described on <see cref="Build"/>.</summary>
    internal static decimal? SplitRatio(MarketSnapshot s, in Kline bar)
    {
        var sell = bar.Volume - bar.TakerBuyVolume;
        if (bar.Volume > 0m && sell > 0m && bar.TakerBuyVolume >= 0m)
        {
            return bar.TakerBuyVolume / sell;
        }
        if (bar.Volume > 0m && sell <= 0m)
        {
            return 1_000_000_000m; // every taker bought: effectively all new positions long
        }
        var open = bar.OpenTime;
        var t = SeriesMath.LastAtOrBefore(s.TakerVolume, p => p.Time, open);
        if (t >= 0 && s.TakerVolume[t].BuySellRatio > 0m)
        {
            return s.TakerVolume[t].BuySellRatio;
        }
        var g = SeriesMath.LastAtOrBefore(s.GlobalAccountRatio, p => p.Time, open);
        return g >= 0 && s.GlobalAccountRatio[g].Ratio > 0m ? s.GlobalAccountRatio[g].Ratio : null;
    }
}
