using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Venues.Okx;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary><see cref="OkxVenue"/> passes the <see cref="IVenueOverview"/> contract over <see cref="FakeOkxServer"/>:
/// OI on the wire in CONTRACTS (BTC ctVal 0.01, ETH ctVal 0.1), every number a string, Rubik rows newest first.</summary>
public sealed class OkxOverviewContractTests : LoopbackOverviewContract
{
    private static readonly Dictionary<string, decimal> CtVal = new(StringComparer.Ordinal) { ["BTC"] = 0.01m, ["ETH"] = 0.1m };

    private static readonly string[] Paths =
    [
        "/api/v5/public/instruments", "/api/v5/market/tickers", "/api/v5/public/mark-price", "/api/v5/public/open-interest",
        "/api/v5/public/funding-rate", "/api/v5/rubik/stat/contracts/open-interest-history",
    ];

    private async Task<(FakeOkxServer Fake, OkxVenue Venue)> StartAsync(TimeSpan? timeout = null)
    {
        var fake = Track(await FakeOkxServer.StartAsync());
        fake.Listings.Clear();
        foreach (var l in Market)
        {
            var contracts = l.OpenInterestCoins / CtVal[l.Asset];
            fake.Listings.Add(new OkxListing(l.Asset + "-USDT-SWAP", S(CtVal[l.Asset]), "1", l.Asset, S(l.MarkPrice), S(l.MarkPrice),
                S(contracts), S(l.OpenInterestCoins), S(l.OpenInterestCoins * l.MarkPrice), "1000", S(l.FundingRate), l.FundingIntervalHours));
        }
        var options = new OkxOptions { RestUrl = fake.RestUrl, RetryBaseDelay = TimeSpan.Zero, RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) };
        return (fake, new OkxVenue(Http, Options.Create(options), Clock, NullLogger<OkxVenue>.Instance));
    }

    /// <summary>Rubik <c>open-interest-history</c> for BTC: rows <c>[ts, oi (contracts), oiCcy (coins), oiUsd]</c>, newest first.</summary>
    private static FakeResponse History()
    {
        var btc = Market[0];
        var sb = new StringBuilder("""{"code":"0","msg":"","data":[""");
        sb.AppendJoin(",", btc.History.Reverse().Select(p =>
            $"""["{Ms(p.Time)}","{S(p.Contracts / CtVal["BTC"])}","{S(p.Contracts)}","{S(p.Contracts * btc.MarkPrice)}"]"""));
        return FakeResponse.Json(sb.Append("]}").ToString());
    }

    protected override async Task<IVenueOverview> CreateAsync()
    {
        var (fake, venue) = await StartAsync();
        fake.Enqueue("/api/v5/rubik/stat/contracts/open-interest-history", History());
        return venue;
    }

    /// <summary>No Banned: OKX has no ban status (a 403 is read as a rejected request, BadResponse).</summary>
    protected override IEnumerable<VenueErrorKind> FailureKinds =>
    [
        VenueErrorKind.RateLimited, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
        VenueErrorKind.BadResponse, VenueErrorKind.Timeout,
    ];

    protected override async Task<IVenueOverview> CreateFailingAsync(VenueErrorKind kind)
    {
        var (fake, venue) = await StartAsync(TimeoutFor(kind));
        var reply = FailureReply(kind);
        foreach (var path in Paths)
        {
            fake.Enqueue(path, Many(reply));
        }
        return venue;
    }

    protected override async Task<IVenueOverview> CreateHangingAsync()
    {
        var (fake, venue) = await StartAsync();
        foreach (var path in Paths)
        {
            fake.Enqueue(path, Many(new FakeResponse(Delay: Forever)));
        }
        return venue;
    }
}
