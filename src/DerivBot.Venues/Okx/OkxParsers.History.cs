using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// History bodies: funding settlements, candles and the Rubik series (positional rows), oldest first.
internal static partial class OkxParsers
{
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
}
