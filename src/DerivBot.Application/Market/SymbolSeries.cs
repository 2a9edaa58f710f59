using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>
/// Every bounded time series the store keeps for one symbol, with the conversions between the Core records and the
/// compact ring layout. Guarded by the owning <see cref="SymbolState"/>'s lock.
/// </summary>
internal sealed class SymbolSeries
{
    public SymbolSeries(MarketOptions options)
    {
        Predicted = new SeriesRing(options.PredictedCapacity, 3);
        Funding = new SeriesRing(options.FundingCapacity, 3);
        OpenInterest = new SeriesRing(options.StatisticsCapacity, 2);
        GlobalAccounts = new SeriesRing(options.StatisticsCapacity, 3);
        TopAccounts = new SeriesRing(options.StatisticsCapacity, 3);
        TopPositions = new SeriesRing(options.StatisticsCapacity, 3);
        Taker = new SeriesRing(options.StatisticsCapacity, 3);
        Klines = new SeriesRing(options.KlineCapacity, 10);
    }

    /// <summary>Predicted funding samples: rate, mark, index; one per sample bucket.</summary>
    public SeriesRing Predicted { get; }

    /// <summary>Settled funding: rate, mark price, has-mark flag (1/0).</summary>
    public SeriesRing Funding { get; }

    /// <summary>Contracts, USD value.</summary>
    public SeriesRing OpenInterest { get; }

    public SeriesRing GlobalAccounts { get; }

    public SeriesRing TopAccounts { get; }

    public SeriesRing TopPositions { get; }

    /// <summary>Buy/sell ratio, buy volume, sell volume.</summary>
    public SeriesRing Taker { get; }

    /// <summary>Open, high, low, close, volume, close-time offset (ms), quote volume, trades, taker buy, taker buy quote.</summary>
    public SeriesRing Klines { get; }

    public long AllocatedBytes =>
        Predicted.AllocatedBytes + Funding.AllocatedBytes + OpenInterest.AllocatedBytes + GlobalAccounts.AllocatedBytes
        + TopAccounts.AllocatedBytes + TopPositions.AllocatedBytes + Taker.AllocatedBytes + Klines.AllocatedBytes;

    public SeriesRing Ratios(RatioKind kind) => kind switch
    {
        RatioKind.GlobalAccounts => GlobalAccounts,
        RatioKind.TopTraderAccounts => TopAccounts,
        RatioKind.TopTraderPositions => TopPositions,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public void AddPredicted(PremiumIndex p, TimeSpan bucket)
    {
        var ms = Ms(p.Time);
        var step = (long)bucket.TotalMilliseconds;
        ms -= ((ms % step) + step) % step;
        Predicted.Add(ms, [p.FundingRate, p.MarkPrice, p.IndexPrice]);
    }

    public void AddFunding(FundingRatePoint p) =>
        Funding.Add(Ms(p.Time), [p.Rate, p.MarkPrice ?? 0m, p.MarkPrice is null ? 0m : 1m]);

    public void AddOpenInterest(OpenInterestPoint p) => OpenInterest.Add(Ms(p.Time), [p.Contracts, p.ValueUsd]);

    public static void AddRatio(SeriesRing ring, RatioPoint p) => ring.Add(Ms(p.Time), [p.Ratio, p.LongShare, p.ShortShare]);

    public void AddTaker(TakerVolumePoint p) => Taker.Add(Ms(p.Time), [p.BuySellRatio, p.BuyVolume, p.SellVolume]);

    public void AddKline(Kline k) => Klines.Add(Ms(k.OpenTime),
    [
        k.Open, k.High, k.Low, k.Close, k.Volume, Ms(k.CloseTime) - Ms(k.OpenTime), k.QuoteVolume, k.Trades,
        k.TakerBuyVolume, k.TakerBuyQuoteVolume,
    ]);

    public FundingRatePoint[] PredictedPoints()
    {
        var r = Predicted;
        var result = new FundingRatePoint[r.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new FundingRatePoint(Time(r.TimeAt(i)), r.ValueAt(i, 0), r.ValueAt(i, 1));
        }
        return result;
    }

    public FundingRatePoint[] FundingPoints()
    {
        var r = Funding;
        var result = new FundingRatePoint[r.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new FundingRatePoint(Time(r.TimeAt(i)), r.ValueAt(i, 0), r.ValueAt(i, 2) == 1m ? r.ValueAt(i, 1) : null);
        }
        return result;
    }

    /// <param name="live">The live open interest, appended when newer than the last history point.</param>
    public OpenInterestPoint[] OpenInterestPoints(OpenInterestPoint? live)
    {
        var r = OpenInterest;
        var appendLive = live is { } l && (r.Count == 0 || Ms(l.Time) > r.LastTime);
        var result = new OpenInterestPoint[r.Count + (appendLive ? 1 : 0)];
        for (var i = 0; i < r.Count; i++)
        {
            result[i] = new OpenInterestPoint(Time(r.TimeAt(i)), r.ValueAt(i, 0), r.ValueAt(i, 1));
        }
        if (appendLive)
        {
            result[^1] = live!.Value;
        }
        return result;
    }

    public static RatioPoint[] RatioPoints(SeriesRing r)
    {
        var result = new RatioPoint[r.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new RatioPoint(Time(r.TimeAt(i)), r.ValueAt(i, 0), r.ValueAt(i, 1), r.ValueAt(i, 2));
        }
        return result;
    }

    public TakerVolumePoint[] TakerPoints()
    {
        var r = Taker;
        var result = new TakerVolumePoint[r.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new TakerVolumePoint(Time(r.TimeAt(i)), r.ValueAt(i, 0), r.ValueAt(i, 1), r.ValueAt(i, 2));
        }
        return result;
    }

    public Kline[] KlinePoints()
    {
        var r = Klines;
        var result = new Kline[r.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var open = r.TimeAt(i);
            result[i] = new Kline(
                Time(open), r.ValueAt(i, 0), r.ValueAt(i, 1), r.ValueAt(i, 2), r.ValueAt(i, 3), r.ValueAt(i, 4),
                Time(open + (long)r.ValueAt(i, 5)), r.ValueAt(i, 6), (long)r.ValueAt(i, 7), r.ValueAt(i, 8), r.ValueAt(i, 9));
        }
        return result;
    }
}
