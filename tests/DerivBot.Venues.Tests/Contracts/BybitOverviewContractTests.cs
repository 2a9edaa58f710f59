using System.Text;
using DerivBot.Core.Ports;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Contracts;

/// <summary><see cref="BybitVenue"/> passes the <see cref="IVenueOverview"/> contract over <see cref="FakeBybitServer"/>
/// (linear tickers with string numbers, OI in base coins, fundingInterval in minutes, OI history newest first).</summary>
public sealed class BybitOverviewContractTests : LoopbackOverviewContract
{
    private static readonly string[] Paths =
        ["/v5/market/instruments-info", "/v5/market/tickers", "/v5/market/open-interest", "/v5/market/kline"];

    private async Task<(FakeBybitServer Fake, BybitVenue Venue)> StartAsync(TimeSpan? timeout = null)
    {
        var fake = Track(await FakeBybitServer.StartAsync());
        fake.Listings.Clear();
        foreach (var l in Market)
        {
            fake.Listings.Add(new BybitListing(l.Asset + "USDT", l.Asset, l.FundingIntervalHours * 60, S(l.MarkPrice), S(l.OpenInterestCoins),
                S(l.OpenInterestCoins * l.MarkPrice), "1000000", S(l.FundingRate)));
        }
        var options = new BybitOptions { RestUrl = fake.RestUrl, RetryBaseDelay = TimeSpan.Zero, RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) };
        return (fake, new BybitVenue(Http, Options.Create(options), Clock, NullLogger<BybitVenue>.Instance));
    }

    /// <summary>Bybit's <c>/v5/market/open-interest</c> reply for BTC: newest first, base-coin strings, ms-string timestamps.</summary>
    private static FakeResponse History()
    {
        var sb = new StringBuilder("""{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[""");
        sb.AppendJoin(",", Market[0].History.Reverse().Select(p => $$"""{"openInterest":"{{S(p.Contracts)}}","timestamp":"{{Ms(p.Time)}}"}"""));
        sb.Append($$"""],"nextPageCursor":""},"retExtInfo":{},"time":{{Ms(Now)}}}""");
        return FakeResponse.Json(sb.ToString());
    }

    protected override async Task<IVenueOverview> CreateAsync()
    {
        var (fake, venue) = await StartAsync();
        fake.Enqueue("/v5/market/open-interest", History());
        return venue;
    }

    protected override IEnumerable<VenueErrorKind> FailureKinds =>
    [
        VenueErrorKind.RateLimited, VenueErrorKind.Banned, VenueErrorKind.RegionBlocked, VenueErrorKind.ServerError,
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
