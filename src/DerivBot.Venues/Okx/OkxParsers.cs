using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

/// <summary>
/// Parsers for OKX v5 payloads (apis.md B.2): the <c>{code:"0", msg, data:[…]}</c> envelope (code a string), every value a
/// string, times as ms strings, candles and Rubik series as arrays of strings, newest first (returned oldest first).
/// </summary>
internal static class OkxParsers
{
    public const string Venue = VenueIds.Okx;

    private static OkxJsonContext Wire => OkxJsonContext.Default;

    public static IReadOnlyList<OkxInstrument> ParseInstruments(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "instruments");
        return Objects(body.Span, j, Wire.OkxResponseOkxInstrumentDto).Select(i => new OkxInstrument(
            j.RequireText(i.InstId, "instId"),
            VenueJson.Text(i.CtType) ?? "",
            VenueJson.Text(i.CtValCcy) ?? "",
            VenueJson.Text(i.SettleCcy) ?? "",
            i.CtVal ?? 0m,
            i.CtMult ?? 1m,
            VenueJson.Text(i.State) ?? "",
            j.Time(i.ListTime, "listTime") ?? DateTimeOffset.UnixEpoch)).ToList();
    }

    public static IReadOnlyList<OkxTicker> ParseTickers(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "tickers");
        return Objects(body.Span, j, Wire.OkxResponseOkxTickerDto)
            .Where(i => i.Last is not null)
            .Select(i => new OkxTicker(
                j.RequireText(i.InstId, "instId"),
                i.Last!.Value,
                i.Open24h,
                i.Vol24h,
                i.VolCcy24h,
                j.RequireTime(i.Ts, "ts"))).ToList();
    }

    public static IReadOnlyList<OkxOpenInterest> ParseOpenInterest(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "open-interest");
        return Objects(body.Span, j, Wire.OkxResponseOkxOpenInterestDto).Select(i => new OkxOpenInterest(
            j.RequireText(i.InstId, "instId"),
            i.Oi ?? throw j.Missing("oi"),
            i.OiCcy,
            i.OiUsd,
            j.RequireTime(i.Ts, "ts"))).ToList();
    }

    /// <summary><c>/api/v5/public/mark-price</c>: instId → (markPx, ts).</summary>
    public static IReadOnlyDictionary<string, (decimal Mark, DateTimeOffset Time)> ParseMarkPrices(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "mark-price");
        var map = new Dictionary<string, (decimal, DateTimeOffset)>(StringComparer.Ordinal);
        foreach (var i in Objects(body.Span, j, Wire.OkxResponseOkxMarkPriceDto))
        {
            if (i.MarkPx is { } mark && mark > 0)
            {
                map[j.RequireText(i.InstId, "instId")] = (mark, j.RequireTime(i.Ts, "ts"));
            }
        }
        return map;
    }

    public static OkxFunding? ParseFundingRate(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding-rate");
        return Objects(body.Span, j, Wire.OkxResponseOkxFundingDto).Select(i => new OkxFunding(
            j.RequireText(i.InstId, "instId"),
            i.FundingRate ?? throw j.Missing("fundingRate"),
            j.RequireTime(i.FundingTime, "fundingTime"),
            j.Time(i.NextFundingTime, "nextFundingTime"),
            j.Time(i.Ts, "ts"))).FirstOrDefault();
    }

    /// <summary><c>funding-rate-history</c>: the settled (<c>realizedRate</c>, else <c>fundingRate</c>) per settlement, oldest first.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingHistory(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding-rate-history");
        return Objects(body.Span, j, Wire.OkxResponseOkxFundingDto)
            .Select(i => new FundingRatePoint(
                j.RequireTime(i.FundingTime, "fundingTime"),
                i.RealizedRate ?? i.FundingRate ?? throw j.Missing("fundingRate"),
                null))
            .OrderBy(p => p.Time)
            .ToList();
    }

    /// <summary>
    /// <c>/api/v5/market/candles</c>: rows <c>[ts, o, h, l, c, vol (contracts), volCcy (coins), volCcyQuote (USDT), confirm]</c>.
    /// Volume is taken in coins and quote volume in USDT; OKX sends no trade count or taker split (0).
    /// </summary>
    public static IReadOnlyList<Kline> ParseCandles(ReadOnlyMemory<byte> body, TimeSpan interval)
    {
        var j = new VenueJson(Venue, "candles");
        var list = new List<Kline>();
        foreach (var row in Rows(body.Span, j))
        {
            var open = j.RequireTimeAt(row, 0);
            list.Add(new Kline(open, j.RequireAt(row, 1), j.RequireAt(row, 2), j.RequireAt(row, 3), j.RequireAt(row, 4),
                VenueJson.At(row, 6) ?? 0m, open + interval - TimeSpan.FromMilliseconds(1), VenueJson.At(row, 7) ?? 0m, 0, 0m, 0m));
        }
        list.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
        return list;
    }

    /// <summary>
    /// Rubik <c>open-interest-history</c>: rows <c>[ts, oi (contracts), oiCcy (coins), oiUsd]</c>. Contracts become coins
    /// with <paramref name="coinsPerContract"/> when known (else <c>oiCcy</c> is taken); oldest first.
    /// </summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterestHistory(ReadOnlyMemory<byte> body, decimal? coinsPerContract)
    {
        var j = new VenueJson(Venue, "open-interest-history");
        var list = new List<OpenInterestPoint>();
        foreach (var row in Rows(body.Span, j))
        {
            var coins = coinsPerContract is { } c && c > 0
                ? j.RequireAt(row, 1) * c
                : VenueJson.At(row, 2) ?? throw j.Missing("[2]");
            list.Add(new OpenInterestPoint(j.RequireTimeAt(row, 0), coins, VenueJson.At(row, 3) ?? 0m));
        }
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return list;
    }

    /// <summary>Rubik <c>long-short-account-ratio</c>: rows <c>[ts, ratio]</c>; shares are ratio/(1+ratio) and 1/(1+ratio).</summary>
    public static IReadOnlyList<RatioPoint> ParseLongShortRatio(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "long-short-account-ratio");
        var list = new List<RatioPoint>();
        foreach (var row in Rows(body.Span, j))
        {
            var ratio = j.RequireAt(row, 1);
            var longShare = ratio >= 0 ? ratio / (1m + ratio) : 0m;
            list.Add(new RatioPoint(j.RequireTimeAt(row, 0), ratio, longShare, ratio >= 0 ? 1m - longShare : 0m));
        }
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return list;
    }

    /// <summary>
    /// The error an envelope reports, or null when <c>code</c> is "0" or the body is no OKX envelope.
    /// 50011/50061 (rate limit) → RateLimited for 2 s; 51001 (instrument does not exist) → InvalidSymbol;
    /// 50001/50004/50013/50026 (unavailable, timeout, busy, system error) → ServerError; others → BadResponse.
    /// </summary>
    public static VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path)
    {
        if (!VenueJson.TryReadEnvelope(body, "code", "msg", out var code, out var message) || code == 0)
        {
            return null;
        }
        var text = $"{Venue}: {path} failed: code {code} {message}".TrimEnd();
        return code switch
        {
            50011 or 50061 => new VenueException(Venue, VenueErrorKind.RateLimited, text) { VendorCode = code, RetryAfter = OkxVenue.RateWindow },
            51001 => new VenueException(Venue, VenueErrorKind.InvalidSymbol, $"{Venue}: invalid instrument ({message})") { VendorCode = code },
            50001 or 50004 or 50013 or 50026 => new VenueException(Venue, VenueErrorKind.ServerError, text) { VendorCode = code },
            _ => new VenueException(Venue, VenueErrorKind.BadResponse, text) { VendorCode = code },
        };
    }

    /// <summary>Reads the envelope and returns its <c>data</c>; a non-zero <c>code</c> is the error the envelope reports.</summary>
    private static List<TItem?>? Data<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<OkxResponse<TItem>> type)
        where TItem : class
    {
        var response = j.ReadEnvelope(body, type, EnvelopeError);
        var code = response.Code ?? throw j.Missing("code");
        if (code != 0)
        {
            throw EnvelopeError(body, j.What) ?? j.Bad($"{j.What}: code {code}");
        }
        return response.Data;
    }

    private static IEnumerable<TItem> Objects<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<OkxResponse<TItem>> type)
        where TItem : class => j.Items(Data(body, j, type), "data");

    private static IEnumerable<decimal?[]> Rows(ReadOnlySpan<byte> body, VenueJson j) => j.Items(Data(body, j, Wire.OkxRowsResponse), "data");
}
