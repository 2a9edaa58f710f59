using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

/// <summary>
/// Parsers for Bybit v5 market payloads (apis.md B.1): the <c>{retCode, retMsg, result, time}</c> envelope, every market
/// value a string, <c>fundingInterval</c> a number, lists newest first (returned here oldest first).
/// </summary>
internal static partial class BybitParsers
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
}
