using System.Net;
using System.Net.Sockets;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Binance;

public sealed class BinanceMarketDataVenueTests : IAsyncLifetime, IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private const string PremiumPath = "/fapi/v1/premiumIndex";
    private const string FundingPath = "/fapi/v1/fundingRate";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeBinanceServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private BinanceMarketDataVenue Venue(Action<BinanceOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new BinanceOptions
        {
            FuturesRestUrl = _fake.RestUrl,
            SpotRestUrl = _fake.RestUrl + "/",
            RetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new BinanceMarketDataVenue(_http, Options.Create(options), time ?? _time, NullLogger<BinanceMarketDataVenue>.Instance, () => 0.5);
    }

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact(Timeout = 30_000)]
    public async Task EveryEndpoint_FixtureServer_ParsesAndSendsExpectedQuery()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        var window = new HistoryQuery(DateTimeOffset.FromUnixTimeMilliseconds(1760000000000), DateTimeOffset.FromUnixTimeMilliseconds(1760054400000), 50);

        Assert.Equal("binance", venue.Name);
        Assert.Equal(4, (await venue.GetPerpetualsAsync(cts.Token)).Count);
        Assert.Equal(4, (await venue.GetPremiumIndexAsync(cts.Token)).Count);
        Assert.Equal(3, (await venue.GetFundingHistoryAsync(Btc, window, cts.Token)).Count);
        Assert.Equal(2, (await venue.GetFundingInfoAsync(cts.Token)).Count);
        Assert.Equal(2, (await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, new HistoryQuery(Limit: 9999), cts.Token)).Count);
        Assert.Equal(2, (await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.H1, default, cts.Token)).Count);
        Assert.Single(await venue.GetLongShortRatioAsync(Btc, RatioKind.TopTraderAccounts, DataPeriod.M15, default, cts.Token));
        Assert.Single(await venue.GetLongShortRatioAsync(Btc, RatioKind.TopTraderPositions, DataPeriod.D1, default, cts.Token));
        Assert.Equal(2, (await venue.GetTakerVolumeAsync(Btc, DataPeriod.M5, default, cts.Token)).Count);
        Assert.Equal(6, (await venue.GetKlinesAsync(Btc, KlineInterval.H1, new HistoryQuery(Limit: 6), cts.Token)).Count);
        Assert.Contains(await venue.GetFuturesTickersAsync(cts.Token), t => t.Symbol.Value == "1000PEPEUSDT");
        Assert.Contains(await venue.GetSpotTickersAsync(cts.Token), t => t.Symbol.Value == "PEPEUSDT");

        Assert.Equal("?symbol=BTCUSDT&startTime=1760000000000&endTime=1760054400000&limit=50", _fake.RequestsTo(FundingPath).Single().QueryString);
        Assert.Equal("?symbol=BTCUSDT&period=5m&limit=500", _fake.RequestsTo("/futures/data/openInterestHist").Single().QueryString);
        Assert.Equal("?symbol=BTCUSDT&period=1h", _fake.RequestsTo("/futures/data/globalLongShortAccountRatio").Single().QueryString);
        Assert.Equal("?symbol=BTCUSDT&period=1d", _fake.RequestsTo("/futures/data/topLongShortPositionRatio").Single().QueryString);
        Assert.Equal("?symbol=BTCUSDT&interval=1h&limit=6", _fake.RequestsTo("/fapi/v1/klines").Single().QueryString);
        Assert.Equal("", _fake.RequestsTo(PremiumPath).Single().QueryString);
        Assert.Single(_fake.RequestsTo("/api/v3/ticker/24hr"));
        Assert.All(_fake.Server.Requests, r => Assert.Equal("GET", r.Method));
        // fundingRate and fundingInfo share one 500 / 5 min counter.
        Assert.Equal(2, venue.FundingLimiter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestAsync_LiveEndpoint_ValueUsesSingleSymbolMarkPrice()
    {
        using var cts = TestTimeouts.NetworkToken();

        var point = await Venue().GetOpenInterestAsync(Btc, cts.Token);

        Assert.Equal(92311.547m, point.Contracts);
        Assert.Equal(92311.547m * 121346.2m, point.ValueUsd);
        Assert.Equal("?symbol=BTCUSDT", _fake.RequestsTo(PremiumPath).Single().QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetFundingHistoryAsync_UnknownSymbol_ThrowsInvalidSymbol()
    {
        using var cts = TestTimeouts.NetworkToken();

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetFundingHistoryAsync(new Symbol("NOPEUSDT"), default, cts.Token));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal(-1121, ex.VendorCode);
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal(1, _fake.Count(FundingPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429WithRetryAfter_BlocksHostUntilItPasses_ThenResumes()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        _fake.Enqueue(PremiumPath, FakeResponse.Error(429, -1003, "Too many requests", Headers(("Retry-After", "30"))));

        var first = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, first.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.Equal(429, first.HttpStatus);
        var restBefore = _fake.TotalRestRequests;

        // During the ban nothing is sent to the futures host, whatever the endpoint.
        _time.Advance(TimeSpan.FromSeconds(29));
        var during = await Assert.ThrowsAsync<VenueException>(() => venue.GetKlinesAsync(Btc, KlineInterval.M5, default, cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, during.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), during.RetryAfter);
        await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(restBefore, _fake.TotalRestRequests);

        // The spot host has its own budget and is not banned.
        Assert.NotEmpty(await venue.GetSpotTickersAsync(cts.Token));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, (await venue.GetPremiumIndexAsync(cts.Token)).Count);
        Assert.Equal(2, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status418WithoutRetryAfter_BansForTwoMinutes()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        _fake.Enqueue(PremiumPath, FakeResponse.Error(418, -1003, "Way too many requests; IP banned"));

        var first = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.Banned, first.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), first.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(119));
        var during = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.Banned, during.Kind);
        Assert.Contains("banned", during.Message, StringComparison.Ordinal);
        Assert.Equal(1, _fake.Count(PremiumPath));

        _time.Advance(TimeSpan.FromSeconds(1));
        await venue.GetPremiumIndexAsync(cts.Token);
        Assert.Equal(2, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429WithZeroRetryAfter_WaitsUntilNextMinutePlusOneSecond()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        _fake.Enqueue(PremiumPath, FakeResponse.Error(429, -1003, "Too many requests", Headers(("Retry-After", "0"))));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        // The clock is at 00:00:10, so the window resets at 00:01:00; +1 s.
        Assert.Equal(TimeSpan.FromSeconds(51), ex.RetryAfter);
    }

    [Fact(Timeout = 30_000)]
    public async Task UsedWeightHeader_NearBudget_NextRequestWaitsForNextMinute()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        _fake.UsedWeight = 1915; // budget is 0.8 × 2400 = 1920
        await venue.GetPerpetualsAsync(cts.Token);
        Assert.Equal(1915, venue.FuturesGate.UsedWeight);

        var pending = venue.GetPremiumIndexAsync(cts.Token); // weight 10 would make 1925
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers > 0, what: "the request to park on the clock");
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, _fake.Count(PremiumPath));

        _fake.UsedWeight = 10;
        _time.Advance(TimeSpan.FromSeconds(50)); // 00:01:00, a fresh window
        Assert.Equal(4, (await pending).Count);
        Assert.Equal(1, _fake.Count(PremiumPath));
        Assert.Equal(10, venue.FuturesGate.UsedWeight);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetPerpetualsAsync_ExchangeInfoAnnouncesLimit_BudgetFollowsIt()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue(o => o.WeightBudgetShare = 0.5);
        Assert.Equal(1200, venue.FuturesGate.BudgetPerMinute);
        _fake.Enqueue("/fapi/v1/exchangeInfo", FakeResponse.Json(
            FakeBinanceServer.FixtureText("exchangeInfo.json").Replace("\"limit\": 2400", "\"limit\": 1000", StringComparison.Ordinal)));

        await venue.GetPerpetualsAsync(cts.Token);

        Assert.Equal(500, venue.FuturesGate.BudgetPerMinute);
        Assert.Equal(3000, venue.SpotGate.BudgetPerMinute);
    }

    [Fact(Timeout = 30_000)]
    public async Task UsedWeightHeader_WaitLongerThanAllowed_FailsFastWithoutSending()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue(o => o.MaxRateLimitWait = TimeSpan.FromSeconds(5));
        _fake.UsedWeight = 1920;
        await venue.GetPerpetualsAsync(cts.Token);

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(50), ex.RetryAfter);
        Assert.Equal(0, _fake.Count("/fapi/v1/ticker/24hr"));
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerError_TwiceThenOk_RetriesAndSucceeds()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(PremiumPath, new FakeResponse(503, "<html>busy</html>"), new FakeResponse(502));

        var items = await Venue().GetPremiumIndexAsync(cts.Token);

        Assert.Equal(4, items.Count);
        Assert.Equal(3, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerError_Persistent_ThrowsServerErrorAfterTwoRetries()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(PremiumPath, new FakeResponse(500), new FakeResponse(500), new FakeResponse(500), new FakeResponse(500));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.ServerError, ex.Kind);
        Assert.Equal(500, ex.HttpStatus);
        Assert.Equal(3, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerError_RetryBackoff_WaitsOnInjectedClockWithJitter()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(2);
            // No per-attempt timer, so the only timer on the clock is the retry delay.
            o.RequestTimeout = Timeout.InfiniteTimeSpan;
        });
        _fake.Enqueue(PremiumPath, new FakeResponse(500));

        var pending = venue.GetPremiumIndexAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Count(PremiumPath) == 1 && _time.PendingTimers > 0, what: "the retry delay");
        // Jitter 0.5 → 2 s × (0.5 + 0.25) = 1.5 s.
        _time.Advance(TimeSpan.FromSeconds(1.4));
        await Task.Delay(100, cts.Token);
        Assert.Equal(1, _fake.Count(PremiumPath));
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(4, (await pending).Count);
        Assert.Equal(2, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task SlowServer_EveryAttemptTimesOut_ThrowsTimeout()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        }, TimeProvider.System);
        _fake.Enqueue(PremiumPath, FakeResponse.Slow(TimeSpan.FromSeconds(15)), FakeResponse.Slow(TimeSpan.FromSeconds(15)));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
        Assert.Equal(2, _fake.Count(PremiumPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task CallerCancellation_DuringRequest_PropagatesOperationCanceled()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        _fake.Enqueue(PremiumPath, FakeResponse.Slow(TimeSpan.FromSeconds(15)));

        var pending = Venue().GetPremiumIndexAsync(caller.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Count(PremiumPath) == 1, what: "the request to arrive");
        await caller.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.IsNotType<VenueException>(ex.InnerException);
        Assert.Equal(1, _fake.Count(PremiumPath));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"symbols\":[")]
    [InlineData("<html><body>Service Unavailable</body></html>")]
    [InlineData("")]
    public async Task MalformedBody_Status200_ThrowsBadResponseWithoutRetry(string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/exchangeInfo", FakeResponse.Json(body));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetPerpetualsAsync(cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Contains("exchangeInfo", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _fake.Count("/fapi/v1/exchangeInfo"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status451_GeoBlocked_ThrowsRegionBlockedWithClearMessage()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(PremiumPath, new FakeResponse(451, "{\"code\":0,\"msg\":\"Service unavailable from a restricted location\"}"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
        Assert.Contains("451", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ClosedPort_ThrowsUnreachableNamingHost()
    {
        using var cts = TestTimeouts.NetworkToken();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var venue = Venue(o => o.FuturesRestUrl = $"http://127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.Unreachable, ex.Kind);
        Assert.Equal("binance: cannot reach 127.0.0.1 (connection refused)", ex.Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(499, 2)]
    [InlineData(500, 5)]
    [InlineData(1000, 5)]
    [InlineData(1001, 10)]
    [InlineData(1500, 10)]
    public void KlineWeight_ByLimit_MatchesBinanceTable(int limit, int weight) =>
        Assert.Equal(weight, BinanceMarketDataVenue.KlineWeight(limit));
}
