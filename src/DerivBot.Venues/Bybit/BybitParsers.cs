using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

/// <summary>
/// Parsers for Bybit v5 market payloads (apis.md B.1): the <c>{retCode, retMsg, result, time}</c> envelope, every market
/// value a string, <c>fundingInterval</c> a number, lists newest first (returned here oldest first).
/// </summary>
internal static class BybitParsers
{
    public const string Venue = VenueIds.Bybit;

    private static BybitJsonContext Wire => BybitJsonContext.Default;

    public static (IReadOnlyList<BybitInstrument> Items, string? NextCursor) ParseInstruments(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "instruments-info");
        var (page, _) = Result(body.Span, j, Wire.BybitResponseBybitInstrumentDto);
        var items = new List<BybitInstrument>();
        foreach (var item in j.Items(page.List, "list"))
        {
            var minutes = item.FundingInterval ?? 480;
            // Dated futures send 0 ("no funding"); a perpetual's interval is 1–24 h.
            if (minutes is < 0 or > 24 * 60)
            {
                throw j.Bad($"instruments-info: fundingInterval {minutes} is out of range");
            }
            items.Add(new BybitInstrument(
                new Symbol(j.RequireText(item.Symbol, "symbol")),
                VenueJson.Text(item.BaseCoin) ?? "",
                VenueJson.Text(item.QuoteCoin) ?? "",
                VenueJson.Text(item.ContractType) ?? "",
                VenueJson.Text(item.Status) ?? "",
                (int)minutes,
                item.UpperFundingRate,
                item.LowerFundingRate,
                j.Time(item.LaunchTime, "launchTime") ?? DateTimeOffset.UnixEpoch));
        }
        return (items, VenueJson.Text(page.NextPageCursor));
    }

    /// <summary><c>/v5/market/tickers</c> (linear or spot) and the envelope's <c>time</c>.</summary>
    public static (IReadOnlyList<BybitTicker> Items, DateTimeOffset? Time) ParseTickers(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "tickers");
        var (page, time) = Result(body.Span, j, Wire.BybitResponseBybitTickerDto);
        var items = new List<BybitTicker>();
        foreach (var item in j.Items(page.List, "list"))
        {
            items.Add(new BybitTicker(
                new Symbol(j.RequireText(item.Symbol, "symbol")),
                item.LastPrice ?? throw j.Missing("lastPrice"),
                item.MarkPrice,
                item.IndexPrice,
                item.Price24hPcnt,
                item.Volume24h,
                item.Turnover24h,
                item.OpenInterest,
                item.OpenInterestValue,
                item.FundingRate,
                j.Time(item.NextFundingTime, "nextFundingTime")));
        }
        return (items, j.Time(time, "time"));
    }

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

    /// <summary>
    /// The error an envelope reports, or null when <c>retCode</c> is 0 or the body is not a Bybit envelope at all.
    /// 10001 naming a symbol → InvalidSymbol; 10006/10018 (too many visits / IP limit) → RateLimited for 5 s;
    /// 10000/10016 → ServerError; anything else → BadResponse.
    /// </summary>
    public static VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path)
    {
        if (!VenueJson.TryReadEnvelope(body, "retCode", "retMsg", out var code, out var message) || code == 0)
        {
            return null;
        }
        var text = $"{Venue}: {path} failed: retCode {code} {message}".TrimEnd();
        return code switch
        {
            10001 when message.Contains("symbol", StringComparison.OrdinalIgnoreCase) =>
                new VenueException(Venue, VenueErrorKind.InvalidSymbol, $"{Venue}: invalid symbol ({message})") { VendorCode = code },
            10006 or 10018 => new VenueException(Venue, VenueErrorKind.RateLimited, text) { VendorCode = code, RetryAfter = BybitVenue.IpWindow },
            10000 or 10016 => new VenueException(Venue, VenueErrorKind.ServerError, text) { VendorCode = code },
            _ => new VenueException(Venue, VenueErrorKind.BadResponse, text) { VendorCode = code },
        };
    }

    /// <summary>Reads the envelope and returns its <c>result</c> page and <c>time</c>; a non-zero <c>retCode</c> is the
    /// error the envelope reports.</summary>
    private static (BybitPage<TItem> Page, long? Time) Result<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<BybitResponse<TItem>> type)
        where TItem : class
    {
        var response = j.ReadEnvelope(body, type, EnvelopeError);
        var code = response.RetCode ?? throw j.Missing("retCode");
        if (code != 0)
        {
            throw EnvelopeError(body, j.What) ?? j.Bad($"{j.What}: retCode {code}");
        }
        var page = response.Result ?? throw j.Bad($"{j.What}: field 'result' is missing or not an object");
        return (page, response.Time);
    }
}
