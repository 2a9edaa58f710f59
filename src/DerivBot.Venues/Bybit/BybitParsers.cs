using System.Text;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

/// <summary>One row of <c>/v5/market/instruments-info?category=linear</c>.</summary>
/// <param name="BaseCoin">As Bybit names it, multiplier included (<c>1000PEPE</c>).</param>
/// <param name="FundingIntervalMinutes">Settlement interval in minutes (60/120/240/480), a JSON number on the wire.</param>
/// <param name="UpperFundingRate">Funding cap, fraction per interval, when sent.</param>
/// <param name="LowerFundingRate">Funding floor, fraction per interval, when sent.</param>
internal sealed record BybitInstrument(
    Symbol Symbol,
    string BaseCoin,
    string QuoteCoin,
    string ContractType,
    string Status,
    int FundingIntervalMinutes,
    decimal? UpperFundingRate,
    decimal? LowerFundingRate,
    DateTimeOffset LaunchTime)
{
    /// <summary>Trading USDT-margined linear perpetual: the only listings we read.</summary>
    public bool IsTradingUsdtPerpetual =>
        ContractType == "LinearPerpetual" && Status == "Trading" && QuoteCoin == "USDT";

    /// <summary>Whole hours, at least 1 (Bybit's intervals are whole hours; a 30-minute one would count as 1); 8 when unset.</summary>
    public int FundingIntervalHours => FundingIntervalMinutes <= 0
        ? 8
        : Math.Max(1, (int)Math.Round(FundingIntervalMinutes / 60m, MidpointRounding.AwayFromZero));
}

/// <summary>One row of <c>/v5/market/tickers</c>. Linear: <c>openInterest</c> and <c>volume24h</c> in base units of the
/// listing (1000PEPE units for 1000PEPEUSDT), <c>openInterestValue</c> and <c>turnover24h</c> in USDT.</summary>
/// <param name="Price24hPcnt">Fraction, 0.008047 = 0.8047 % (Bybit sends a fraction, unlike Binance's percent).</param>
/// <param name="FundingRate">Current/predicted rate, fraction per interval; null on spot.</param>
internal sealed record BybitTicker(
    Symbol Symbol,
    decimal LastPrice,
    decimal? MarkPrice,
    decimal? IndexPrice,
    decimal? Price24hPcnt,
    decimal? Volume24h,
    decimal? Turnover24h,
    decimal? OpenInterest,
    decimal? OpenInterestValue,
    decimal? FundingRate,
    DateTimeOffset? NextFundingTime);

/// <summary>
/// Parsers for Bybit v5 market payloads (apis.md B.1): the <c>{retCode, retMsg, result, time}</c> envelope, every market
/// value a string, <c>fundingInterval</c> a number, lists newest first (returned here oldest first).
/// </summary>
internal static class BybitParsers
{
    public const string Venue = VenueIds.Bybit;

    public static (IReadOnlyList<BybitInstrument> Items, string? NextCursor) ParseInstruments(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "instruments-info");
        return j.Read(body, root =>
        {
            var result = Result(j, root);
            var items = new List<BybitInstrument>();
            foreach (var item in j.Property(result, "list", JsonValueKind.Array).EnumerateArray())
            {
                j.RequireKind(item, JsonValueKind.Object);
                var minutes = j.OptionalInt64(item, "fundingInterval") ?? 480;
                // Dated futures send 0 ("no funding"); a perpetual's interval is 1–24 h.
                if (minutes is < 0 or > 24 * 60)
                {
                    throw j.Bad($"instruments-info: fundingInterval {minutes} is out of range");
                }
                items.Add(new BybitInstrument(
                    new Symbol(j.RequireString(item, "symbol")),
                    j.OptionalString(item, "baseCoin") ?? "",
                    j.OptionalString(item, "quoteCoin") ?? "",
                    j.OptionalString(item, "contractType") ?? "",
                    j.OptionalString(item, "status") ?? "",
                    (int)minutes,
                    j.OptionalDecimal(item, "upperFundingRate"),
                    j.OptionalDecimal(item, "lowerFundingRate"),
                    j.OptionalTime(item, "launchTime") ?? DateTimeOffset.UnixEpoch));
            }
            return ((IReadOnlyList<BybitInstrument>)items, j.OptionalString(result, "nextPageCursor"));
        });
    }

    /// <summary><c>/v5/market/tickers</c> (linear or spot) and the envelope's <c>time</c>.</summary>
    public static (IReadOnlyList<BybitTicker> Items, DateTimeOffset? Time) ParseTickers(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "tickers");
        return j.Read(body, root =>
        {
            var result = Result(j, root);
            var items = new List<BybitTicker>();
            foreach (var item in j.Property(result, "list", JsonValueKind.Array).EnumerateArray())
            {
                j.RequireKind(item, JsonValueKind.Object);
                items.Add(new BybitTicker(
                    new Symbol(j.RequireString(item, "symbol")),
                    j.RequireDecimal(item, "lastPrice"),
                    j.OptionalDecimal(item, "markPrice"),
                    j.OptionalDecimal(item, "indexPrice"),
                    j.OptionalDecimal(item, "price24hPcnt"),
                    j.OptionalDecimal(item, "volume24h"),
                    j.OptionalDecimal(item, "turnover24h"),
                    j.OptionalDecimal(item, "openInterest"),
                    j.OptionalDecimal(item, "openInterestValue"),
                    j.OptionalDecimal(item, "fundingRate"),
                    j.OptionalTime(item, "nextFundingTime")));
            }
            return ((IReadOnlyList<BybitTicker>)items, j.OptionalTime(root, "time"));
        });
    }

    /// <summary><c>/v5/market/funding/history</c>: settled rates, oldest first.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingHistory(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "funding/history");
        return j.Read(body, root => List(j, root)
            .Select(item => new FundingRatePoint(j.RequireTime(item, "fundingRateTimestamp"), j.RequireDecimal(item, "fundingRate"), null))
            .OrderBy(p => p.Time)
            .ToList());
    }

    /// <summary><c>/v5/market/open-interest</c>: base-unit OI of the listing, oldest first, no USD value (0).</summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterest(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "open-interest");
        return j.Read(body, root => List(j, root)
            .Select(item => new OpenInterestPoint(j.RequireTime(item, "timestamp"), j.RequireDecimal(item, "openInterest"), 0m))
            .OrderBy(p => p.Time)
            .ToList());
    }

    /// <summary><c>/v5/market/account-ratio</c>: <c>buyRatio</c>/<c>sellRatio</c> are shares of accounts, oldest first.</summary>
    public static IReadOnlyList<RatioPoint> ParseAccountRatio(ReadOnlyMemory<byte> body)
    {
        var j = new VenueJson(Venue, "account-ratio");
        return j.Read(body, root => List(j, root)
            .Select(item =>
            {
                var buy = j.RequireDecimal(item, "buyRatio");
                var sell = j.RequireDecimal(item, "sellRatio");
                return new RatioPoint(j.RequireTime(item, "timestamp"), sell > 0 ? buy / sell : 0m, buy, sell);
            })
            .OrderBy(p => p.Time)
            .ToList());
    }

    /// <summary>
    /// <c>/v5/market/kline</c>: rows <c>[start, open, high, low, close, volume (base), turnover (quote)]</c>, newest first
    /// on the wire; Bybit sends no trade count or taker split (0 here).
    /// </summary>
    public static IReadOnlyList<Kline> ParseKlines(ReadOnlyMemory<byte> body, TimeSpan interval)
    {
        var j = new VenueJson(Venue, "kline");
        return j.Read(body, root =>
        {
            var result = Result(j, root);
            var klines = new List<Kline>();
            foreach (var row in j.Property(result, "list", JsonValueKind.Array).EnumerateArray())
            {
                var open = j.RequireTimeAt(row, 0);
                klines.Add(new Kline(
                    open,
                    j.RequireDecimalAt(row, 1),
                    j.RequireDecimalAt(row, 2),
                    j.RequireDecimalAt(row, 3),
                    j.RequireDecimalAt(row, 4),
                    j.OptionalDecimalAt(row, 5) ?? 0m,
                    open + interval - TimeSpan.FromMilliseconds(1),
                    j.OptionalDecimalAt(row, 6) ?? 0m,
                    0,
                    0m,
                    0m));
            }
            klines.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
            return (IReadOnlyList<Kline>)klines;
        });
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

    private static JsonElement Result(VenueJson j, JsonElement root)
    {
        j.RequireKind(root, JsonValueKind.Object);
        var code = root.TryGetProperty("retCode", out var rc) ? j.ToInt64(rc, "retCode") : null;
        if (code is null)
        {
            throw j.Missing("retCode");
        }
        if (code != 0)
        {
            throw EnvelopeError(Encoding.UTF8.GetBytes(root.GetRawText()), j.What) ?? j.Bad($"{j.What}: retCode {code}");
        }
        return j.Property(root, "result", JsonValueKind.Object);
    }

    private static IEnumerable<JsonElement> List(VenueJson j, JsonElement root)
    {
        var list = j.Property(Result(j, root), "list", JsonValueKind.Array);
        foreach (var item in list.EnumerateArray())
        {
            j.RequireKind(item, JsonValueKind.Object);
            yield return item;
        }
    }
}
