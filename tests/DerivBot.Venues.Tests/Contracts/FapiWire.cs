using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.AspNetCore.Http;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary>
/// <see cref="VenueOverviewContract.Market"/> in Binance's <c>/fapi</c> wire format (Binance and Aster), served by a
/// <see cref="ScriptedVenueServer"/> on a real loopback socket. Not <see cref="FakeBinanceServer"/>: its scripted replies
/// are queued per path only, and the overview asks <c>openInterest?symbol=</c> for BTC and ETH concurrently, so the
/// reply must follow the request's symbol. Unknown symbols answer Binance's <c>-1121 Invalid symbol.</c>.
/// </summary>
internal static class FapiWire
{
    public static readonly string[] Paths =
    [
        "/fapi/v1/exchangeInfo", "/fapi/v1/premiumIndex", "/fapi/v1/fundingInfo", "/fapi/v1/ticker/24hr",
        "/fapi/v1/openInterest", "/futures/data/openInterestHist",
    ];

    /// <summary>Binance's ban is HTTP 418 (an IP that kept going after 429s), with its <c>-1003</c> body; the rest as every venue.</summary>
    public static FakeResponse Failure(VenueErrorKind kind) => kind == VenueErrorKind.Banned
        ? FakeResponse.Error(418, -1003, "Way too many requests; IP banned until 1760055000000.", new Dictionary<string, string> { ["Retry-After"] = "600" })
        : LoopbackOverviewContract.WireFailure(kind);

    public static Task<ScriptedVenueServer> StartAsync() => ScriptedVenueServer.StartAsync(Reply);

    private static string S(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static ContractListing? Listing(string symbol) =>
        VenueOverviewContract.Market.FirstOrDefault(l => l.Asset + "USDT" == symbol);

    private static FakeResponse Reply(string path, IQueryCollection query)
    {
        var symbol = query["symbol"].ToString();
        var listing = Listing(symbol);
        var now = Ms(VenueOverviewContract.Now);
        switch (path)
        {
            case "/fapi/v1/exchangeInfo":
                // The real exchangeInfo (BTCUSDT, ETHUSDT, 1000PEPEUSDT, BTCUSDC): listings beyond the market are never asked for.
                return FakeResponse.Json(FakeBinanceServer.FixtureText("exchangeInfo.json"));
            case "/fapi/v1/premiumIndex":
                return FakeResponse.Json("[" + string.Join(",", VenueOverviewContract.Market.Select(l => $$"""
                    {"symbol":"{{l.Asset}}USDT","markPrice":"{{S(l.MarkPrice)}}","indexPrice":"{{S(l.MarkPrice)}}","estimatedSettlePrice":"{{S(l.MarkPrice)}}","lastFundingRate":"{{S(l.FundingRate)}}","interestRate":"0.00010000","nextFundingTime":{{now + 8 * 3_600_000L}},"time":{{now}}}
                    """.Trim())) + "]");
            case "/fapi/v1/fundingInfo":
                // Only symbols with an adjusted cap or interval are listed; both contract listings settle every 8 h.
                return FakeResponse.Json("[]");
            case "/fapi/v1/ticker/24hr":
                return FakeResponse.Json("[" + string.Join(",", VenueOverviewContract.Market.Select(l => $$"""
                    {"symbol":"{{l.Asset}}USDT","priceChange":"0","priceChangePercent":"0","weightedAvgPrice":"{{S(l.MarkPrice)}}","lastPrice":"{{S(l.MarkPrice)}}","lastQty":"1","openPrice":"{{S(l.MarkPrice)}}","highPrice":"{{S(l.MarkPrice)}}","lowPrice":"{{S(l.MarkPrice)}}","volume":"1000","quoteVolume":"{{S(1000 * l.MarkPrice)}}","openTime":{{now - 86_400_000L}},"closeTime":{{now - 1}},"firstId":1,"lastId":2,"count":2}
                    """.Trim())) + "]");
            case "/fapi/v1/openInterest" when listing is not null:
                return FakeResponse.Json($$"""{"openInterest":"{{S(listing.OpenInterestCoins)}}","symbol":"{{symbol}}","time":{{now - 383}}}""");
            case "/futures/data/openInterestHist" when listing is not null:
                var sb = new StringBuilder("[");
                sb.AppendJoin(",", listing.History.Select(p => $$"""
                    {"symbol":"{{symbol}}","sumOpenInterest":"{{S(p.Contracts)}}","sumOpenInterestValue":"{{S(p.Contracts * listing.MarkPrice)}}","CMCCirculatingSupply":"19930156.0","timestamp":{{Ms(p.Time)}}}
                    """.Trim()));
                return FakeResponse.Json(sb.Append(']').ToString());
            case "/fapi/v1/openInterest" or "/futures/data/openInterestHist":
                return FakeResponse.Error(400, -1121, "Invalid symbol.");
            default:
                return FakeResponse.Error(404, -1, "Unknown path " + path);
        }
    }
}

/// <summary><see cref="DerivBot.Venues.Binance.BinanceMarketDataVenue"/> as <see cref="IVenueOverview"/> passes the contract.</summary>
public sealed class BinanceOverviewContractTests : LoopbackOverviewContract
{
    private async Task<(ScriptedVenueServer Fake, IVenueOverview Venue)> StartAsync(TimeSpan? timeout = null)
    {
        var fake = Track(await FapiWire.StartAsync());
        var options = new DerivBot.Venues.Binance.BinanceOptions
        {
            FuturesRestUrl = fake.RestUrl,
            SpotRestUrl = fake.RestUrl,
            RetryBaseDelay = TimeSpan.Zero,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        return (fake, new DerivBot.Venues.Binance.BinanceMarketDataVenue(Http, Microsoft.Extensions.Options.Options.Create(options), Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DerivBot.Venues.Binance.BinanceMarketDataVenue>.Instance, () => 0.5));
    }

    protected override async Task<IVenueOverview> CreateAsync() => (await StartAsync()).Venue;

    protected override IEnumerable<VenueErrorKind> FailureKinds =>
    [
        VenueErrorKind.RateLimited, VenueErrorKind.Banned, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
        VenueErrorKind.BadResponse, VenueErrorKind.Timeout,
    ];

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await StartAsync(TimeoutFor(kind));
        var reply = FapiWire.Failure(kind);
        foreach (var path in FapiWire.Paths)
        {
            fake.Enqueue(path, Many(reply));
        }
        return venue;
    }

    protected override async Task<IVenueOverview> CreateHangingAsync()
    {
        var (fake, venue) = await StartAsync();
        foreach (var path in FapiWire.Paths)
        {
            fake.Enqueue(path, Many(new FakeResponse(Delay: Forever)));
        }
        return venue;
    }
}

/// <summary><see cref="DerivBot.Venues.Aster.AsterVenue"/> (the fapi client under Aster's base URL) passes the contract.</summary>
public sealed class AsterOverviewContractTests : LoopbackOverviewContract
{
    private async Task<(ScriptedVenueServer Fake, IVenueOverview Venue)> StartAsync(TimeSpan? timeout = null)
    {
        var fake = Track(await FapiWire.StartAsync());
        var venue = new DerivBot.Venues.Aster.AsterVenue(Http,
            Microsoft.Extensions.Options.Options.Create(new DerivBot.Venues.Aster.AsterOptions { RestUrl = fake.RestUrl }),
            Microsoft.Extensions.Options.Options.Create(new DerivBot.Venues.VenuesOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) }),
            Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<DerivBot.Venues.Aster.AsterVenue>.Instance);
        return (fake, venue);
    }

    protected override async Task<IVenueOverview> CreateAsync() => (await StartAsync()).Venue;

    protected override IEnumerable<VenueErrorKind> FailureKinds =>
    [
        VenueErrorKind.RateLimited, VenueErrorKind.Banned, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
        VenueErrorKind.BadResponse, VenueErrorKind.Timeout,
    ];

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await StartAsync(TimeoutFor(kind));
        var reply = FapiWire.Failure(kind);
        foreach (var path in FapiWire.Paths)
        {
            fake.Enqueue(path, Many(reply));
        }
        return venue;
    }

    protected override async Task<IVenueOverview> CreateHangingAsync()
    {
        var (fake, venue) = await StartAsync();
        foreach (var path in FapiWire.Paths)
        {
            fake.Enqueue(path, Many(new FakeResponse(Delay: Forever)));
        }
        return venue;
    }
}
