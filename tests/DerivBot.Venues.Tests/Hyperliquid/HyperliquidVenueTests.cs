using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Hyperliquid;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Hyperliquid;

/// <summary>
/// Hyperliquid against a loopback fake answering <c>Fixtures/hyperliquid/metaAndAssetCtxs.json</c> (the documented
/// apis.md B.3 shape: [meta, assetCtxs], all values strings, kPEPE and a delisted entry). The fake rejects (400) any
/// request that is not <c>POST /info</c> with a JSON body <c>{"type":"metaAndAssetCtxs"}</c>.
/// </summary>
public sealed class HyperliquidVenueTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 10, 10, 0, 20, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();
    private FakeJsonVenueServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeJsonVenueServer.StartAsync("hyperliquid",
        new Dictionary<string, string> { ["/info"] = "metaAndAssetCtxs.json" },
        check: CheckInfoRequest);

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    /// <summary>What api.hyperliquid.xyz accepts for this call: POST, JSON content type, body {"type":"metaAndAssetCtxs"}.</summary>
    private static string? CheckInfoRequest(FakeJsonVenueServer.HttpRequestSnapshot r)
    {
        if (r.Method != "POST")
        {
            return "info requires POST";
        }
        if (r.ContentType is null || !r.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return "Content-Type must be application/json";
        }
        try
        {
            using var body = JsonDocument.Parse(r.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object
                   && body.RootElement.TryGetProperty("type", out var type) && type.GetString() == "metaAndAssetCtxs"
                ? null
                : "unknown info type";
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }
    }

    private HyperliquidVenue Venue(TimeSpan? timeout = null, TimeProvider? time = null) => new(
        _http,
        Options.Create(new HyperliquidOptions { RestUrl = _fake.RestUrl }),
        Options.Create(new VenuesOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) }),
        time ?? _time,
        NullLogger<HyperliquidVenue>.Instance);

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_Fixture_HourlyFundingCoinsAndUsdPerAsset()
    {
        using var cts = TestTimeouts.NetworkToken();

        var stats = await Venue().GetStatsAsync(["BTC", "ETH", "HPOS"], cts.Token);

        Assert.Equal(["BTC", "ETH", "HPOS"], stats.Select(s => s.Asset).Order(StringComparer.Ordinal));
        var btc = stats.Single(s => s.Asset == "BTC");
        Assert.Equal("hyperliquid", btc.Venue);
        Assert.Equal("BTC", btc.Instrument);
        Assert.Equal(121346.0m, btc.MarkPrice);
        Assert.Equal(0.0000125m, btc.FundingRate); // hourly fraction as sent; the 8 h equivalent is the aggregation's job
        Assert.Equal(1, btc.FundingIntervalHours);
        Assert.Equal(25000.5m, btc.OpenInterestCoins);
        Assert.Equal(25000.5m * 121346.0m, btc.OpenInterestUsd); // 3,033,710,673 USD
        Assert.Equal(1169046293.50m, btc.Volume24hUsd); // dayNtlVlm
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 1, 0, 0, TimeSpan.Zero), btc.NextFundingTime); // next whole hour
        Assert.Equal(Now, btc.Time); // the reply carries no time
        var eth = stats.Single(s => s.Asset == "ETH");
        Assert.Equal(-0.00002m, eth.FundingRate);
        Assert.Equal(300000.0m * 4380.5m, eth.OpenInterestUsd);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_KPepe_PricePerCoinAndOpenInterestInPepe()
    {
        using var cts = TestTimeouts.NetworkToken();

        var pepe = Assert.Single(await Venue().GetStatsAsync(["pepe"], cts.Token));

        Assert.Equal("kPEPE", pepe.Instrument);
        Assert.Equal("PEPE", pepe.Asset);
        Assert.Equal(0.0000112m, pepe.MarkPrice); // 0.0112 per 1000 PEPE
        Assert.Equal(1_500_000_000_000m, pepe.OpenInterestCoins); // 1.5e9 kPEPE × 1000
        Assert.Equal(16_800_000m, pepe.OpenInterestUsd); // 1.5e9 × 0.0112 = coins × mark per coin
        Assert.Equal(pepe.OpenInterestCoins * pepe.MarkPrice, pepe.OpenInterestUsd);
        Assert.Equal(0.0000125m, pepe.FundingRate);
        Assert.Equal(1, pepe.FundingIntervalHours);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_DelistedAndUnlisted_Absent()
    {
        using var cts = TestTimeouts.NetworkToken();

        var stats = await Venue().GetStatsAsync(["LUNA", "DOGE"], cts.Token);

        Assert.Empty(stats);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_AnyNumberOfAssets_OnePostWithTheDocumentedBody()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        var many = Enumerable.Range(0, 60).Select(i => "COIN" + i).Concat(["BTC", "ETH", "PEPE"]).ToList();

        await venue.GetStatsAsync(["BTC"], cts.Token);
        Assert.Single(_fake.RequestsTo("/info"));
        await venue.GetStatsAsync(many, cts.Token);

        var requests = _fake.RequestsTo("/info");
        Assert.Equal(2, requests.Count); // one per call, whatever the number of assets
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("""{"type":"metaAndAssetCtxs"}""", r.BodyText);
            Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal);
        });
        Assert.Equal(2 * HyperliquidVenue.MetaAndAssetCtxsWeight, venue.Gate.UsedWeight);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_NoHistoryPublished_EmptyWithoutARequest()
    {
        using var cts = TestTimeouts.NetworkToken();

        var history = await Venue().GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, default, cts.Token);

        Assert.Empty(history);
        Assert.Equal(0, _fake.TotalRequests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(451, VenueErrorKind.RegionBlocked)]
    [InlineData(403, VenueErrorKind.Banned)]
    [InlineData(500, VenueErrorKind.ServerError)]
    [InlineData(422, VenueErrorKind.BadResponse)]
    public async Task GetStatsAsync_HttpFailure_MapsToKindNamingTheVenue(int status, VenueErrorKind kind)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/info", new FakeResponse(status, "nope"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal("hyperliquid", ex.Venue);
        Assert.Equal(status, ex.HttpStatus);
        Assert.StartsWith("hyperliquid:", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_429WithRetryAfter_RateLimitedAndNothingSentUntilItPasses()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/info", new FakeResponse(429, "null", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        var venue = Venue();

        var first = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));
        var second = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, first.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.Equal(VenueErrorKind.RateLimited, second.Kind);
        Assert.Single(_fake.RequestsTo("/info")); // the pause holds: no second request
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.NotEmpty(await venue.GetStatsAsync(["BTC"], cts.Token));
        Assert.Equal(2, _fake.RequestsTo("/info").Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_403_PausesTheHostInsteadOfHammeringIt()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/info", new FakeResponse(403, "forbidden"));
        var venue = Venue();

        await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));
        var again = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Banned, again.Kind);
        Assert.Single(_fake.RequestsTo("/info"));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_NoAnswerWithinRequestTimeout_TimeoutNamingTheVenue()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/info", FakeResponse.Slow(TimeSpan.FromSeconds(10)));

        var ex = await Assert.ThrowsAsync<VenueException>(() =>
            Venue(TimeSpan.FromMilliseconds(300), TimeProvider.System).GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
        Assert.Equal("hyperliquid", ex.Venue);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("<html>maintenance</html>")]
    [InlineData("""{"universe":[]}""")]
    [InlineData("""[{"universe":[{"name":"BTC"}]},[]]""")]
    [InlineData("""[{"universe":[{"name":"BTC"}]},[{"markPx":"abc","openInterest":"1"}]]""")]
    [InlineData("")]
    public async Task GetStatsAsync_GarbageBody_BadResponse(string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/info", FakeResponse.Json(body));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("hyperliquid", ex.Venue);
    }
}
