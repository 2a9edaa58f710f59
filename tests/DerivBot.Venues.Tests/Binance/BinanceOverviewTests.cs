using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Binance;

/// <summary>Binance's <see cref="IVenueOverview"/> against the fixture server (apis.md A.1, A.2, A.4, A.5, A.6, A.10).</summary>
public sealed class BinanceOverviewTests : IAsyncLifetime, IDisposable
{
    private const string OpenInterestPath = "/fapi/v1/openInterest";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeBinanceServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private IVenueOverview Venue() => new BinanceMarketDataVenue(_http, Options.Create(new BinanceOptions
    {
        FuturesRestUrl = _fake.RestUrl,
        SpotRestUrl = _fake.RestUrl,
        RetryBaseDelay = TimeSpan.Zero,
    }), _time, NullLogger<BinanceMarketDataVenue>.Instance, () => 0.5);

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_BtcAndPepe_BulkMarksIntervalsVolumesAndPerSymbolOpenInterest()
    {
        using var cts = TestTimeouts.NetworkToken();

        var stats = await Venue().GetStatsAsync(["BTC", "PEPE"], cts.Token);

        var btc = stats.Single(s => s.Asset == "BTC");
        Assert.Equal("binance", btc.Venue);
        Assert.Equal("BTCUSDT", btc.Instrument); // the USDT listing, not BTCUSDC
        Assert.Equal(121346.2m, btc.MarkPrice);
        Assert.Equal(0.0001m, btc.FundingRate);
        Assert.Equal(8, btc.FundingIntervalHours); // not in fundingInfo: 8 h
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760083200000), btc.NextFundingTime);
        Assert.Equal(92311.547m, btc.OpenInterestCoins);
        Assert.Equal(92311.547m * 121346.2m, btc.OpenInterestUsd);
        Assert.Equal(19658910812.44m, btc.Volume24hUsd); // quoteVolume
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760054400000), btc.Time);

        var pepe = stats.Single(s => s.Asset == "PEPE");
        Assert.Equal("1000PEPEUSDT", pepe.Instrument);
        Assert.Equal(0.000009391m, pepe.MarkPrice); // 0.0093910 per 1000 PEPE
        Assert.Equal(4, pepe.FundingIntervalHours); // fundingInfo
        Assert.Equal(92311.547m * 1000m, pepe.OpenInterestCoins);
        Assert.Equal(92311.547m * 0.0093910m, pepe.OpenInterestUsd);
        Assert.Equal(pepe.OpenInterestCoins * pepe.MarkPrice, pepe.OpenInterestUsd);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_ManyAssets_BulkOncePerCallOpenInterestOnlyForAskedListedAssets()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        var many = Enumerable.Range(0, 40).Select(i => "COIN" + i).Concat(["BTC", "ETH"]).ToList();

        await venue.GetStatsAsync(["BTC"], cts.Token);
        var stats = await venue.GetStatsAsync(many, cts.Token);

        Assert.Equal(["BTC", "ETH"], stats.Select(s => s.Asset).Order(StringComparer.Ordinal));
        Assert.Null(stats.Single(s => s.Asset == "ETH").Volume24hUsd); // ETHUSDT is not in the ticker fixture
        Assert.Equal(2, _fake.RequestsTo("/fapi/v1/premiumIndex").Count);
        Assert.All(_fake.RequestsTo("/fapi/v1/premiumIndex"), r => Assert.Equal("", r.QueryString)); // bulk form
        Assert.Equal(2, _fake.RequestsTo("/fapi/v1/fundingInfo").Count);
        Assert.Equal(2, _fake.RequestsTo("/fapi/v1/ticker/24hr").Count);
        Assert.Single(_fake.RequestsTo("/fapi/v1/exchangeInfo")); // the universe is cached
        Assert.Equal(["?symbol=BTCUSDT", "?symbol=BTCUSDT", "?symbol=ETHUSDT"],
            _fake.RequestsTo(OpenInterestPath).Select(r => r.QueryString).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_Pepe_CoinsScaledUsdAsSent()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();

        var btc = await venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.M5, new HistoryQuery(Limit: 2), cts.Token);
        var pepe = await venue.GetOpenInterestHistoryAsync("pepe", DataPeriod.M5, new HistoryQuery(Limit: 2), cts.Token);

        Assert.Equal(92001.552m, btc[0].Contracts);
        Assert.Equal(11190523071.1378m, btc[0].ValueUsd);
        Assert.Equal(92001.552m * 1000m, pepe[0].Contracts);
        Assert.Equal(11190523071.1378m, pepe[0].ValueUsd);
        Assert.Contains(_fake.RequestsTo("/futures/data/openInterestHist"), r => r.QueryString.StartsWith("?symbol=1000PEPEUSDT&period=5m", StringComparison.Ordinal));
        Assert.Empty(await venue.GetOpenInterestHistoryAsync("NOPE", DataPeriod.M5, default, cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_RegionBlocked_Surfaces451Kind()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/exchangeInfo", new FakeResponse(451, """{"code":0,"msg":"Service unavailable from a restricted location"}"""));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
        Assert.Equal("binance", ex.Venue);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_SlowVenue_BoundedByTheOverviewTimeout()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/exchangeInfo", FakeResponse.Slow(TimeSpan.FromSeconds(10)));
        // Binance's own per-attempt timeout (10 s, 2 retries) would let this run 30 s; Venues:RequestTimeout caps the call.
        IVenueOverview venue = new BinanceMarketDataVenue("binance", BinanceHttp.FuturesWeightPerMinute, _http,
            new BinanceOptions { FuturesRestUrl = _fake.RestUrl, SpotRestUrl = _fake.RestUrl }, TimeSpan.FromMilliseconds(300),
            TimeProvider.System, NullLogger<BinanceMarketDataVenue>.Instance, () => 0.5);

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
        Assert.Equal("binance", ex.Venue);
        Assert.Contains("Venues:RequestTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_429WithRetryAfter_RateLimitedWithTheVenuesWait()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/premiumIndex", FakeResponse.Error(429, -1003, "Too many requests.", new Dictionary<string, string> { ["Retry-After"] = "90" }));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_GarbageTicker_BadResponseNamingBinance()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/ticker/24hr", FakeResponse.Json("<html>gateway</html>"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("binance", ex.Venue);
    }
}
