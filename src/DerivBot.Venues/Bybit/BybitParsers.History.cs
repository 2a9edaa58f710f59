using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

// History bodies: funding, open interest, account ratio and klines, newest first on the wire, returned oldest first.
internal static partial class BybitParsers
{
    /// <summary><c>/v5/market/funding/history</c>: settled rates, oldest first.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingHistory(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding/history");
        var (page, _) = Result(body.Span, j, Wire.BybitResponseBybitFundingDto);
        return j.Items(page.List, "list")
            .Select(item => new FundingRatePoint(
                j.RequireTime(item.FundingRateTimestamp, "fundingRateTimestamp"),
                item.FundingRate ?? throw j.Missing("fundingRate"),
                null))
            .OrderBy(p => p.Time)
            .ToList();
    }

    /// <summary><c>/v5/market/open-interest</c>: base-unit OI of the listing, oldest first, no USD value (0).</summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterest(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "open-interest");
        var (page, _) = Result(body.Span, j, Wire.BybitResponseBybitOpenInterestDto);
        return j.Items(page.List, "list")
            .Select(item => new OpenInterestPoint(
                j.RequireTime(item.Timestamp, "timestamp"),
                item.OpenInterest ?? throw j.Missing("openInterest"),
                0m))
            .OrderBy(p => p.Time)
            .ToList();
    }

    /// <summary><c>/v5/market/account-ratio</c>: <c>buyRatio</c>/<c>sellRatio</c> are shares of accounts, oldest first.</summary>
    public static IReadOnlyList<RatioPoint> ParseAccountRatio(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "account-ratio");
        var (page, _) = Result(body.Span, j, Wire.BybitResponseBybitAccountRatioDto);
        return j.Items(page.List, "list")
            .Select(item =>
            {
                var buy = item.BuyRatio ?? throw j.Missing("buyRatio");
                var sell = item.SellRatio ?? throw j.Missing("sellRatio");
                return new RatioPoint(j.RequireTime(item.Timestamp, "timestamp"), sell > 0 ? buy / sell : 0m, buy, sell);
            })
            .OrderBy(p => p.Time)
            .ToList();
    }

    /// <summary>
    /// <c>/v5/market/kline</c>: rows <c>[start, open, high, low, close, volume (base), turnover (quote)]</c>, newest first
    /// on the wire; Bybit sends no trade count or taker split (0 here).
    /// </summary>
    public static IReadOnlyList<Kline> ParseKlines(ReadOnlyMemory<byte> body, TimeSpan interval)
    {
        var j = new VenueJson(Venue, "kline");
        var (page, _) = Result(body.Span, j, Wire.BybitKlineResponse);
        var rows = page.List ?? throw j.Bad($"{j.What}: field 'list' is missing or not an array");
        var klines = new List<Kline>(rows.Count);
        foreach (var row in rows)
        {
            var open = j.RequireTimeAt(row, 0);
            klines.Add(new Kline(
                open,
                j.RequireAt(row, 1),
                j.RequireAt(row, 2),
                j.RequireAt(row, 3),
                j.RequireAt(row, 4),
                VenueJson.At(row, 5) ?? 0m,
                open + interval - TimeSpan.FromMilliseconds(1),
                VenueJson.At(row, 6) ?? 0m,
                0,
                0m,
                0m));
        }
        klines.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
        return klines;
    }
}
