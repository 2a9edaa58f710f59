using DerivBot.Core.Markets;

namespace DerivBot.Venues.Binance;

// REST history bodies: funding rates, open-interest history, long/short ratios, taker volume, klines.
internal static partial class BinanceParsers
{
    /// <summary><c>/fapi/v1/fundingRate</c>: settled funding, ascending. Old rows may carry an empty <c>markPrice</c>.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingRates(ReadOnlySpan<byte> json)
    {
        const string what = "fundingRate";
        var items = ArrayOf(json, what, Wire.ListBinanceFundingRateDto);
        var result = new List<FundingRatePoint>(items.Count);
        foreach (var item in items)
        {
            var f = item ?? throw NotAnObject(what);
            result.Add(new FundingRatePoint(
                RequiredTime(f.FundingTime, what, "fundingTime"),
                f.FundingRate ?? throw Missing(what, "fundingRate"),
                f.MarkPrice));
        }
        return result;
    }

    /// <summary><c>/futures/data/openInterestHist</c>; <c>timestamp</c> is a string or a number.</summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterestHist(ReadOnlySpan<byte> json)
    {
        const string what = "openInterestHist";
        var items = ArrayOf(json, what, Wire.ListBinanceOpenInterestHistDto);
        var result = new List<OpenInterestPoint>(items.Count);
        foreach (var item in items)
        {
            var o = item ?? throw NotAnObject(what);
            result.Add(new OpenInterestPoint(
                RequiredTime(o.Timestamp, what, "timestamp"),
                o.SumOpenInterest ?? throw Missing(what, "sumOpenInterest"),
                o.SumOpenInterestValue ?? 0m));
        }
        return result;
    }

    /// <summary>
    /// The three <c>/futures/data/*LongShort*Ratio</c> endpoints (same shape; in the position ratio
    /// <c>longAccount</c>/<c>shortAccount</c> hold position shares).
    /// </summary>
    public static IReadOnlyList<RatioPoint> ParseLongShortRatios(ReadOnlySpan<byte> json)
    {
        const string what = "longShortRatio";
        var items = ArrayOf(json, what, Wire.ListBinanceRatioDto);
        var result = new List<RatioPoint>(items.Count);
        foreach (var item in items)
        {
            var r = item ?? throw NotAnObject(what);
            result.Add(new RatioPoint(
                RequiredTime(r.Timestamp, what, "timestamp"),
                r.LongShortRatio ?? throw Missing(what, "longShortRatio"),
                r.LongAccount ?? throw Missing(what, "longAccount"),
                r.ShortAccount ?? throw Missing(what, "shortAccount")));
        }
        return result;
    }

    /// <summary><c>/futures/data/takerlongshortRatio</c> (no <c>symbol</c> field; volumes in base units).</summary>
    public static IReadOnlyList<TakerVolumePoint> ParseTakerVolume(ReadOnlySpan<byte> json)
    {
        const string what = "takerlongshortRatio";
        var items = ArrayOf(json, what, Wire.ListBinanceTakerVolumeDto);
        var result = new List<TakerVolumePoint>(items.Count);
        foreach (var item in items)
        {
            var t = item ?? throw NotAnObject(what);
            result.Add(new TakerVolumePoint(
                RequiredTime(t.Timestamp, what, "timestamp"),
                t.BuySellRatio ?? throw Missing(what, "buySellRatio"),
                t.BuyVol ?? throw Missing(what, "buyVol"),
                t.SellVol ?? throw Missing(what, "sellVol")));
        }
        return result;
    }

    /// <summary><c>/fapi/v1/klines</c>: an array of 12-element arrays mixing strings and integers.</summary>
    public static IReadOnlyList<Kline> ParseKlines(ReadOnlySpan<byte> json)
    {
        const string what = "klines";
        return ArrayOf(json, what, Wire.ListKline);
    }
}
