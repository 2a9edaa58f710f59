using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

/// <summary>
/// Parsers for OKX v5 payloads (apis.md B.2): the <c>{code:"0", msg, data:[…]}</c> envelope (code a string), every value a
/// string, times as ms strings, candles and Rubik series as arrays of strings, newest first (returned oldest first).
/// </summary>
internal static partial class OkxParsers
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
}
