using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

/// <summary>Builders for signal test data. Series end at <see cref="Now"/> unless told otherwise, oldest first.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);
    public static readonly Symbol Btc = new("BTCUSDT");
    public static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    public static MarketSnapshot Snapshot(string venue = "binance") => new()
    {
        Venue = venue,
        Symbol = Btc,
        DataTime = Now,
    };

    public static SignalOptions Options() => new();

    public static PremiumIndex Premium(decimal fundingRate, decimal mark = 100m) =>
        new(Btc, mark, mark, mark, fundingRate, 0.0001m, Now.AddHours(1), Now);

    /// <summary>OI points every <paramref name="step"/>, the last at <paramref name="end"/> (default <see cref="Now"/>); USD = contracts × price.</summary>
    public static IReadOnlyList<OpenInterestPoint> Oi(IEnumerable<decimal> contracts, TimeSpan? step = null, DateTimeOffset? end = null, decimal price = 100m)
    {
        var list = contracts.ToList();
        var s = step ?? FiveMinutes;
        var e = end ?? Now;
        return [.. list.Select((c, i) => new OpenInterestPoint(e - (s * (list.Count - 1 - i)), c, c * price))];
    }

    /// <summary>OI over <paramref name="hours"/> at 5-minute steps following <paramref name="path"/>(fraction of the way, 0..1).</summary>
    public static IReadOnlyList<OpenInterestPoint> OiPath(double hours, Func<double, decimal> path, DateTimeOffset? end = null)
    {
        var n = (int)(hours * 12) + 1;
        return Oi(Enumerable.Range(0, n).Select(i => path(n == 1 ? 1 : (double)i / (n - 1))), FiveMinutes, end);
    }

    public static IReadOnlyList<FundingRatePoint> Funding(IEnumerable<decimal> rates, TimeSpan step, DateTimeOffset? end = null)
    {
        var list = rates.ToList();
        var e = end ?? Now;
        return [.. list.Select((r, i) => new FundingRatePoint(e - (step * (list.Count - 1 - i)), r, 100m))];
    }

    public static IReadOnlyList<FundingRatePoint> PredictedPath(double hours, Func<double, decimal> path, DateTimeOffset? end = null)
    {
        var n = (int)(hours * 12) + 1;
        return Funding(Enumerable.Range(0, n).Select(i => path(n == 1 ? 1 : (double)i / (n - 1))), FiveMinutes, end);
    }

    /// <summary>Candles whose closes follow <paramref name="closes"/>; open = previous close, high/low 0.1 % beyond the body.</summary>
    public static IReadOnlyList<Kline> Klines(IEnumerable<decimal> closes, KlineInterval interval = KlineInterval.M5, DateTimeOffset? lastOpen = null)
    {
        var list = closes.ToList();
        var step = interval.ToTimeSpan();
        var last = lastOpen ?? Now;
        var result = new List<Kline>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var open = i == 0 ? list[0] : list[i - 1];
            var close = list[i];
            var t = last - (step * (list.Count - 1 - i));
            result.Add(Bar(t, open, Math.Max(open, close) * 1.001m, Math.Min(open, close) * 0.999m, close, interval));
        }
        return result;
    }

    public static Kline Bar(DateTimeOffset open, decimal o, decimal h, decimal l, decimal c, KlineInterval interval = KlineInterval.M5,
        decimal volume = 0m, decimal takerBuy = 0m) =>
        new(open, o, h, l, c, volume, open + interval.ToTimeSpan() - TimeSpan.FromMilliseconds(1), volume * c, 10, takerBuy, takerBuy * c);

    public static IReadOnlyList<RatioPoint> Ratios(IEnumerable<decimal> ratios, TimeSpan? step = null, DateTimeOffset? end = null)
    {
        var list = ratios.ToList();
        var s = step ?? FiveMinutes;
        var e = end ?? Now;
        return [.. list.Select((r, i) => new RatioPoint(e - (s * (list.Count - 1 - i)), r, r / (1 + r), 1 / (1 + r)))];
    }

    public static IReadOnlyList<TakerVolumePoint> Taker(IEnumerable<decimal> ratios, TimeSpan? step = null, DateTimeOffset? end = null)
    {
        var list = ratios.ToList();
        var s = step ?? FiveMinutes;
        var e = end ?? Now;
        return [.. list.Select((r, i) => new TakerVolumePoint(e - (s * (list.Count - 1 - i)), r, r * 100, 100))];
    }

    /// <summary>A liquidation of <paramref name="usd"/> notional at price 100.</summary>
    public static Liquidation Liq(PositionSide side, decimal usd, DateTimeOffset time) =>
        new(Btc, side, 100m, 100m, usd / 100m, time);

    public static Ticker24h Ticker(string symbol, decimal volume, decimal quoteVolume) =>
        new(new Symbol(symbol), 1m, 0m, volume, quoteVolume, Now.AddDays(-1), Now);

    /// <summary>A deterministic wiggle in [−1, 1] so histories have a spread without a random generator.</summary>
    public static double Wiggle(int i) => Math.Sin(i * 1.7) * Math.Cos(i * 0.37);
}
