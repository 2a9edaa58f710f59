using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

/// <summary>One SWAP of <c>/api/v5/public/instruments?instType=SWAP</c>.</summary>
/// <param name="CtVal">Contract value in <paramref name="CtValCcy"/> (BTC-USDT-SWAP: 0.01 BTC per contract).</param>
/// <param name="CtMult">Contract multiplier (1 for the USDT swaps; applied anyway).</param>
internal sealed record OkxInstrument(
    string InstId,
    string CtType,
    string CtValCcy,
    string SettleCcy,
    decimal CtVal,
    decimal CtMult,
    string State,
    DateTimeOffset ListTime)
{
    /// <summary>Live USDT-margined linear perpetual: the only listings we read.</summary>
    public bool IsLiveUsdtSwap => State == "live" && SettleCcy == "USDT" && CtType == "linear"
        && InstId.EndsWith("-USDT-SWAP", StringComparison.Ordinal);

    /// <summary>Coins of the canonical asset one contract stands for: ctVal × ctMult × the name's own multiplier (1 on OKX).</summary>
    public decimal CoinsPerContract => CtVal * (CtMult > 0 ? CtMult : 1m) * AssetNames.Parse(InstId).CoinsPerUnit;
}

/// <summary><c>/api/v5/market/tickers</c>. SWAP: <c>vol24h</c> in contracts, <c>volCcy24h</c> in coins; SPOT: <c>vol24h</c>
/// in base, <c>volCcy24h</c> in quote.</summary>
internal sealed record OkxTicker(string InstId, decimal Last, decimal? Open24h, decimal? Vol24h, decimal? VolCcy24h, DateTimeOffset Time);

/// <summary><c>/api/v5/public/open-interest</c>: <c>oi</c> contracts, <c>oiCcy</c> coins, <c>oiUsd</c> USD (not always sent).</summary>
internal sealed record OkxOpenInterest(string InstId, decimal Oi, decimal? OiCcy, decimal? OiUsd, DateTimeOffset Time);

/// <summary><c>/api/v5/public/funding-rate</c>.</summary>
/// <param name="FundingRate">Rate for the upcoming settlement at <paramref name="FundingTime"/>, fraction per interval.</param>
/// <param name="FundingTime">The NEXT settlement.</param>
/// <param name="NextFundingTime">The settlement after that; <c>NextFundingTime − FundingTime</c> is the interval.</param>
internal sealed record OkxFunding(string InstId, decimal FundingRate, DateTimeOffset FundingTime, DateTimeOffset? NextFundingTime, DateTimeOffset? Time)
{
    /// <summary>Whole hours between the two settlements (8 or 4, 2, 1); 8 when OKX sent no next time.</summary>
    public int IntervalHours => NextFundingTime is { } next && next > FundingTime
        ? Math.Max(1, (int)Math.Round((next - FundingTime).TotalHours, MidpointRounding.AwayFromZero))
        : 8;
}

/// <summary>
/// Parsers for OKX v5 payloads (apis.md B.2): the <c>{code:"0", msg, data:[…]}</c> envelope (code a string), every value a
/// string, times as ms strings, candles and Rubik series as arrays of strings, newest first (returned oldest first).
/// </summary>
internal static class OkxParsers
{
    public const string Venue = VenueIds.Okx;

    public static IReadOnlyList<OkxInstrument> ParseInstruments(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "instruments");
        return j.Read(body, root => Objects(j, root).Select(i => new OkxInstrument(
            j.RequireString(i, "instId"),
            j.OptionalString(i, "ctType") ?? "",
            j.OptionalString(i, "ctValCcy") ?? "",
            j.OptionalString(i, "settleCcy") ?? "",
            j.OptionalDecimal(i, "ctVal") ?? 0m,
            j.OptionalDecimal(i, "ctMult") ?? 1m,
            j.OptionalString(i, "state") ?? "",
            j.OptionalTime(i, "listTime") ?? DateTimeOffset.UnixEpoch)).ToList());
    }

    public static IReadOnlyList<OkxTicker> ParseTickers(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "tickers");
        return j.Read(body, root => Objects(j, root)
            .Where(i => j.OptionalDecimal(i, "last") is not null)
            .Select(i => new OkxTicker(
                j.RequireString(i, "instId"),
                j.RequireDecimal(i, "last"),
                j.OptionalDecimal(i, "open24h"),
                j.OptionalDecimal(i, "vol24h"),
                j.OptionalDecimal(i, "volCcy24h"),
                j.RequireTime(i, "ts"))).ToList());
    }

    public static IReadOnlyList<OkxOpenInterest> ParseOpenInterest(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "open-interest");
        return j.Read(body, root => Objects(j, root).Select(i => new OkxOpenInterest(
            j.RequireString(i, "instId"),
            j.RequireDecimal(i, "oi"),
            j.OptionalDecimal(i, "oiCcy"),
            j.OptionalDecimal(i, "oiUsd"),
            j.RequireTime(i, "ts"))).ToList());
    }

    /// <summary><c>/api/v5/public/mark-price</c>: instId → (markPx, ts).</summary>
    public static IReadOnlyDictionary<string, (decimal Mark, DateTimeOffset Time)> ParseMarkPrices(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "mark-price");
        return j.Read(body, root =>
        {
            var map = new Dictionary<string, (decimal, DateTimeOffset)>(StringComparer.Ordinal);
            foreach (var i in Objects(j, root))
            {
                if (j.OptionalDecimal(i, "markPx") is { } mark && mark > 0)
                {
                    map[j.RequireString(i, "instId")] = (mark, j.RequireTime(i, "ts"));
                }
            }
            return (IReadOnlyDictionary<string, (decimal, DateTimeOffset)>)map;
        });
    }

    public static OkxFunding? ParseFundingRate(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding-rate");
        return j.Read(body, root => Objects(j, root).Select(i => new OkxFunding(
            j.RequireString(i, "instId"),
            j.RequireDecimal(i, "fundingRate"),
            j.RequireTime(i, "fundingTime"),
            j.OptionalTime(i, "nextFundingTime"),
            j.OptionalTime(i, "ts"))).FirstOrDefault());
    }

    /// <summary><c>funding-rate-history</c>: the settled (<c>realizedRate</c>, else <c>fundingRate</c>) per settlement, oldest first.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingHistory(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding-rate-history");
        return j.Read(body, root => Objects(j, root)
            .Select(i => new FundingRatePoint(j.RequireTime(i, "fundingTime"), j.OptionalDecimal(i, "realizedRate") ?? j.RequireDecimal(i, "fundingRate"), null))
            .OrderBy(p => p.Time)
            .ToList());
    }

    /// <summary>
    /// <c>/api/v5/market/candles</c>: rows <c>[ts, o, h, l, c, vol (contracts), volCcy (coins), volCcyQuote (USDT), confirm]</c>.
    /// Volume is taken in coins and quote volume in USDT; OKX sends no trade count or taker split (0).
    /// </summary>
    public static IReadOnlyList<Kline> ParseCandles(ReadOnlyMemory<byte> body, TimeSpan interval)
    {
        var j = new VenueJson(Venue, "candles");
        return j.Read(body, root =>
        {
            var list = new List<Kline>();
            foreach (var row in Data(j, root).EnumerateArray())
            {
                var open = j.RequireTimeAt(row, 0);
                list.Add(new Kline(open, j.RequireDecimalAt(row, 1), j.RequireDecimalAt(row, 2), j.RequireDecimalAt(row, 3), j.RequireDecimalAt(row, 4),
                    j.OptionalDecimalAt(row, 6) ?? 0m, open + interval - TimeSpan.FromMilliseconds(1), j.OptionalDecimalAt(row, 7) ?? 0m, 0, 0m, 0m));
            }
            list.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
            return (IReadOnlyList<Kline>)list;
        });
    }

    /// <summary>
    /// Rubik <c>open-interest-history</c>: rows <c>[ts, oi (contracts), oiCcy (coins), oiUsd]</c>. Contracts become coins
    /// with <paramref name="coinsPerContract"/> when known (else <c>oiCcy</c> is taken); oldest first.
    /// </summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterestHistory(ReadOnlyMemory<byte> body, decimal? coinsPerContract)
    {
        var j = new VenueJson(Venue, "open-interest-history");
        return j.Read(body, root =>
        {
            var list = new List<OpenInterestPoint>();
            foreach (var row in Data(j, root).EnumerateArray())
            {
                var coins = coinsPerContract is { } c && c > 0
                    ? j.RequireDecimalAt(row, 1) * c
                    : j.OptionalDecimalAt(row, 2) ?? throw j.Missing("[2]");
                list.Add(new OpenInterestPoint(j.RequireTimeAt(row, 0), coins, j.OptionalDecimalAt(row, 3) ?? 0m));
            }
            list.Sort((a, b) => a.Time.CompareTo(b.Time));
            return (IReadOnlyList<OpenInterestPoint>)list;
        });
    }

    /// <summary>Rubik <c>long-short-account-ratio</c>: rows <c>[ts, ratio]</c>; shares are ratio/(1+ratio) and 1/(1+ratio).</summary>
    public static IReadOnlyList<RatioPoint> ParseLongShortRatio(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "long-short-account-ratio");
        return j.Read(body, root =>
        {
            var list = new List<RatioPoint>();
            foreach (var row in Data(j, root).EnumerateArray())
            {
                var ratio = j.RequireDecimalAt(row, 1);
                var longShare = ratio >= 0 ? ratio / (1m + ratio) : 0m;
                list.Add(new RatioPoint(j.RequireTimeAt(row, 0), ratio, longShare, ratio >= 0 ? 1m - longShare : 0m));
            }
            list.Sort((a, b) => a.Time.CompareTo(b.Time));
            return (IReadOnlyList<RatioPoint>)list;
        });
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

    private static JsonElement Data(VenueJson j, JsonElement root)
    {
        j.RequireKind(root, JsonValueKind.Object);
        if (!root.TryGetProperty("code", out var code))
        {
            throw j.Missing("code");
        }
        if (j.ToInt64(code, "code") is not 0)
        {
            throw EnvelopeError(System.Text.Encoding.UTF8.GetBytes(root.GetRawText()), j.What) ?? j.Bad($"{j.What}: code {code}");
        }
        return j.Property(root, "data", JsonValueKind.Array);
    }

    private static IEnumerable<JsonElement> Objects(VenueJson j, JsonElement root)
    {
        foreach (var item in Data(j, root).EnumerateArray())
        {
            j.RequireKind(item, JsonValueKind.Object);
            yield return item;
        }
    }
}
