using System.Diagnostics;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Bybit;

public sealed class BybitVenueTests : IAsyncLifetime, IDisposable
{
    private const string Tickers = "/v5/market/tickers";
    private const string Instruments = "/v5/market/instruments-info";
    private static readonly Symbol Btc = new("BTCUSDT");

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeBybitServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBybitServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private BybitVenue Venue(Action<BybitOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new BybitOptions { RestUrl = _fake.RestUrl, RetryBaseDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new BybitVenue(_http, Options.Create(options), time ?? _time, NullLogger<BybitVenue>.Instance);
    }

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) => headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_BtcAndPepe_OneTickersCallAndCoinUnits()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var stats = await venue.GetStatsAsync(["BTC", "pepe", "NOPE"], cts.Token);

        Assert.Equal(["BTC", "PEPE"], stats.Select(s => s.Asset));
        var btc = stats[0];
        Assert.Equal("bybit", btc.Venue);
        Assert.Equal("BTCUSDT", btc.Instrument);
        Assert.Equal(121346.20m, btc.MarkPrice);
        Assert.Equal(50000.125m, btc.OpenInterestCoins);
        Assert.Equal(6067310000m, btc.OpenInterestUsd);
        Assert.Equal(0.0001m, btc.FundingRate);
        Assert.Equal(8, btc.FundingIntervalHours);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760083200000), btc.NextFundingTime);
        Assert.Equal(9876543210.5m, btc.Volume24hUsd);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FakeBybitServer.Time), btc.Time);
        // 1000PEPEUSDT: OI 5,000,000 units of 1000 PEPE = 5,000,000,000 PEPE; mark 0.012345 per 1000 PEPE.
        var pepe = stats[1];
        Assert.Equal("1000PEPEUSDT", pepe.Instrument);
        Assert.Equal(5_000_000_000m, pepe.OpenInterestCoins);
        Assert.Equal(0.000012345m, pepe.MarkPrice);
        Assert.Equal(61725m, pepe.OpenInterestUsd);
        Assert.Equal(4, pepe.FundingIntervalHours);
        Assert.Equal(pepe.OpenInterestUsd, pepe.OpenInterestCoins * pepe.MarkPrice);

        Assert.Equal(1, _fake.Count(Tickers));
        Assert.Equal(1, _fake.Count(Instruments));
        Assert.Equal("?category=linear", _fake.RequestsTo(Tickers).Single().QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_FiftyAssets_StillOneTickersCallPerRound()
    {
        using var cts = TestTimeouts.NetworkToken();
        for (var i = 1; i <= 46; i++)
        {
            _fake.Listings.Add(new BybitListing($"COIN{i}USDT", $"COIN{i}", 480, "1.5", "1000", "1500", "100", "0.0001"));
        }
        using var venue = Venue();
        var assets = new[] { "BTC", "ETH", "PEPE", "SOL" }.Concat(Enumerable.Range(1, 46).Select(i => $"COIN{i}")).ToList();
        Assert.Equal(50, assets.Count);

        var first = await venue.GetStatsAsync(assets, cts.Token);
        var one = await venue.GetStatsAsync(["BTC"], cts.Token);

        Assert.Equal(50, first.Count);
        Assert.Single(one);
        Assert.Equal(2, _fake.Count(Tickers));
        Assert.Equal(1, _fake.Count(Instruments)); // cached for InstrumentsMaxAge
        Assert.Equal(3, _fake.Total);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetFundingInfoAsync_EverySymbolWithItsOwnInterval()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var info = (await venue.GetFundingInfoAsync(cts.Token)).ToDictionary(e => e.Symbol.Value, e => e.IntervalHours);

        Assert.Equal(new Dictionary<string, int>
        {
            ["1000PEPEUSDT"] = 4, ["BTCUSDT"] = 8, ["DOGEUSDT"] = 2, ["ETHUSDT"] = 8, ["SOLUSDT"] = 1,
        }, info);
        Assert.Equal(1, _fake.Count(Instruments));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetPerpetualsAsync_OnlyTradingUsdtPerpetuals()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var contracts = await venue.GetPerpetualsAsync(cts.Token);

        Assert.Equal(["1000PEPEUSDT", "BTCUSDT", "DOGEUSDT", "ETHUSDT", "SOLUSDT"], contracts.Select(c => c.Symbol.Value));
        var pepe = contracts[0];
        Assert.Equal("1000PEPE", pepe.BaseAsset);
        Assert.Equal("USDT", pepe.QuoteAsset);
        Assert.Equal("PERPETUAL", pepe.ContractType);
        Assert.Equal("TRADING", pepe.Status);
    }

    [Fact(Timeout = 30_000)]
    public async Task MarketDataEndpoints_ParseAndSendDocumentedQueries()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1760000000000);

        var premiums = await venue.GetPremiumIndexAsync(cts.Token);
        var funding = await venue.GetFundingHistoryAsync(Btc, new HistoryQuery(start, null, 5000), cts.Token);
        var oi = await venue.GetOpenInterestAsync(Btc, cts.Token);
        var ratios = await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M5, new HistoryQuery(Limit: 10), cts.Token);
        var klines = await venue.GetKlinesAsync(Btc, KlineInterval.M5, new HistoryQuery(start, null, 1500), cts.Token);
        var futures = await venue.GetFuturesTickersAsync(cts.Token);
        var spot = await venue.GetSpotTickersAsync(cts.Token);

        Assert.Equal(5, premiums.Count); // USDC perpetual and dated future left out
        var btcPremium = premiums.Single(p => p.Symbol == Btc);
        Assert.Equal(121346.20m, btcPremium.MarkPrice);
        Assert.Equal(0.0001m, btcPremium.FundingRate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760083200000), btcPremium.NextFundingTime);

        Assert.Equal([-0.00002m, 0.0001m], funding.Select(f => f.Rate));
        Assert.True(funding[0].Time < funding[1].Time);
        Assert.Equal("?category=linear&symbol=BTCUSDT&startTime=1760000000000&endTime=1760054410000&limit=200",
            _fake.RequestsTo("/v5/market/funding/history").Single().QueryString);

        Assert.Equal(50000.125m, oi.Contracts);
        Assert.Equal(6067310000m, oi.ValueUsd);
        Assert.Equal("?category=linear&symbol=BTCUSDT", _fake.RequestsTo(Tickers)[1].QueryString);

        var r = Assert.Single(ratios, x => x.LongShare == 0.5777m);
        Assert.Equal(0.5777m / 0.4223m, r.Ratio);
        Assert.Equal(0.4223m, r.ShortShare);
        Assert.Equal("?category=linear&symbol=BTCUSDT&period=5min&limit=10", _fake.RequestsTo("/v5/market/account-ratio").Single().QueryString);

        Assert.Equal(3, klines.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760053800000), klines[0].OpenTime);
        Assert.Equal(121400m, klines[^1].Close);
        Assert.Equal(12.5m, klines[^1].Volume);
        Assert.Equal(1517500m, klines[^1].QuoteVolume);
        Assert.Equal(klines[^1].OpenTime + TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1), klines[^1].CloseTime);
        Assert.Equal("?category=linear&symbol=BTCUSDT&interval=5&start=1760000000000&end=1760054410000&limit=1000",
            _fake.RequestsTo("/v5/market/kline").Single().QueryString);

        var btcTicker = futures.Single(t => t.Symbol == Btc);
        Assert.Equal(0.8047m, btcTicker.PriceChangePercent); // Bybit sends a fraction
        Assert.Equal(9876543210.5m, btcTicker.QuoteVolume);
        var pepeSpot = Assert.Single(spot);
        Assert.Equal("PEPEUSDT", pepeSpot.Symbol.Value);
        Assert.Equal(1000000m, pepeSpot.QuoteVolume);
        Assert.Equal("?category=spot", _fake.RequestsTo(Tickers)[^1].QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_ValuesEachPointAtCandleEndingThere()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var history = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, new HistoryQuery(Limit: 2), cts.Token);

        Assert.Equal(2, history.Count);
        // Each OI timestamp is valued at the close of the 5-minute candle that ENDS there: 00:55 → the 00:50 candle (120 800),
        // 01:00 → the 00:55 candle (121 000).
        Assert.Equal(50000m * 120800m, history[0].ValueUsd);
        Assert.Equal(50010.5m * 121000m, history[1].ValueUsd);
        Assert.StartsWith("?category=linear&symbol=BTCUSDT&intervalTime=5min&limit=2", _fake.RequestsTo("/v5/market/open-interest").Single().QueryString, StringComparison.Ordinal);
        Assert.Equal(1, _fake.Count("/v5/market/kline"));
    }

    [Fact(Timeout = 30_000)]
    public async Task OverviewHistory_MultiplierListing_InCoins()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Listings.Add(new BybitListing("XUSDT", "X", 480, "1", "1", "1", "1", "0"));

        var history = await venue.GetOpenInterestHistoryAsync("PEPE", DataPeriod.M5, default, cts.Token);

        Assert.Equal([50_000_000m, 50_010_500m], history.Select(p => p.Contracts)); // ×1000 for 1000PEPEUSDT
        Assert.Contains("symbol=1000PEPEUSDT", _fake.RequestsTo("/v5/market/open-interest").Single().QueryString, StringComparison.Ordinal);
        Assert.Empty(await venue.GetOpenInterestHistoryAsync("NOPE", DataPeriod.M5, default, cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task UnsupportedSeries_EmptyWithoutRequests()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        Assert.Empty(await venue.GetTakerVolumeAsync(Btc, DataPeriod.M5, default, cts.Token));
        Assert.Empty(await venue.GetLongShortRatioAsync(Btc, RatioKind.TopTraderAccounts, DataPeriod.M5, default, cts.Token));
        Assert.Empty(await venue.GetLongShortRatioAsync(Btc, RatioKind.TopTraderPositions, DataPeriod.M5, default, cts.Token));
        Assert.Empty(await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.H2, default, cts.Token));
        Assert.Empty(await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.H12, default, cts.Token));
        Assert.Empty(await venue.GetKlinesAsync(Btc, KlineInterval.H8, default, cts.Token));
        Assert.Equal(0, _fake.Total);
    }

    [Fact(Timeout = 30_000)]
    public async Task UnknownSymbol_RetCode10001_ThrowsInvalidSymbol()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFundingHistoryAsync(new Symbol("NOPEUSDT"), default, cts.Token));
        var oi = await Assert.ThrowsAsync<VenueException>(() => venue.GetOpenInterestAsync(new Symbol("NOPEUSDT"), cts.Token));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal(10001, ex.VendorCode);
        Assert.Equal(VenueErrorKind.InvalidSymbol, oi.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status403_BansForThirtyMinutes_NothingReachesTheServer()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(403, "Forbidden"));

        var first = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.Banned, first.Kind);
        Assert.Equal(TimeSpan.FromMinutes(30), first.RetryAfter);
        Assert.Equal(403, first.HttpStatus);
        var before = _fake.Total;

        _time.Advance(TimeSpan.FromMinutes(29));
        var during = await Assert.ThrowsAsync<VenueException>(() => venue.GetKlinesAsync(Btc, KlineInterval.M5, default, cts.Token));
        Assert.Equal(VenueErrorKind.Banned, during.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), during.RetryAfter);
        await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));
        Assert.Equal(before, _fake.Total);
        Assert.Equal(0, venue.IpLimiter.Count); // refused before taking a slot (the window emptied during the ban)

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(5, (await venue.GetPremiumIndexAsync(cts.Token)).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status403FromCdnGeoBlock_IsRegionBlocked()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(403, "<html>The Amazon CloudFront distribution is configured to block access from your country.</html>"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429WithRetryAfter_PausesThatLong()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(429, "", Headers(("Retry-After", "7"))));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(6));
        var during = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, during.Kind);
        Assert.Equal(1, _fake.Count(Tickers));

        _time.Advance(TimeSpan.FromSeconds(1));
        await venue.GetPremiumIndexAsync(cts.Token);
        Assert.Equal(2, _fake.Count(Tickers));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429WithoutRetryAfter_PausesOneIpWindow()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(429));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.True(venue.Gate.BanRemaining > TimeSpan.Zero);
    }

    [Fact(Timeout = 30_000)]
    public async Task RetCodeTooManyVisits_RateLimitedAndPaused()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeBybitServer.Error(10006, "Too many visits!"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(10006, ex.VendorCode);
        Assert.Equal(1, _fake.Count(Tickers));
    }

    [Fact(Timeout = 30_000)]
    public async Task RetCodeOther_BadResponseNamingCode()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeBybitServer.Error(10002, "invalid request, please check your server timestamp"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal(10002, ex.VendorCode);
        Assert.Contains("retCode 10002", ex.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"abc\"}]}}")]
    public async Task GarbageBody_BadResponseWithoutRetry(string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeResponse.Json(body));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("bybit", ex.Venue);
        Assert.Equal(1, _fake.Count(Tickers));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status451_RegionBlocked()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(451));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
        Assert.Contains("451", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerError_RetriedOnceWithinDeadline()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(502));

        Assert.Equal(5, (await venue.GetPremiumIndexAsync(cts.Token)).Count);
        Assert.Equal(2, _fake.Count(Tickers));
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerNeverAnswers_TimeoutWithinRequestTimeout()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500), TimeProvider.System);
        _fake.Enqueue(Tickers, FakeResponse.Slow(TimeSpan.FromSeconds(60)));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
        Assert.Contains("0.5 s", ex.Message, StringComparison.Ordinal);
        // Generous bound (loaded CI machine); the point is "about RequestTimeout", not the 60 s the server would take.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task CallerCancellation_PropagatesUnwrapped()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeResponse.Slow(TimeSpan.FromSeconds(60)));

        var pending = venue.GetPremiumIndexAsync(caller.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Count(Tickers) == 1, what: "the request");
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact(Timeout = 30_000)]
    public async Task EveryRequest_CountsAgainstTheIpWindow()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        await venue.GetStatsAsync(["BTC"], cts.Token);
        await venue.GetPremiumIndexAsync(cts.Token);

        Assert.Equal(3, venue.IpLimiter.Count);
        Assert.Equal(BybitVenue.IpRequestsPerWindow, venue.IpLimiter.Limit);
        Assert.Equal(3, venue.Gate.UsedWeight);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, venue.IpLimiter.Count);
    }

    [Fact]
    public void WireNames_MatchBybitDocs()
    {
        Assert.Equal("5min", BybitVenue.WirePeriod(DataPeriod.M5));
        Assert.Equal("1d", BybitVenue.WirePeriod(DataPeriod.D1));
        Assert.Equal("240", BybitVenue.WireInterval(KlineInterval.H4));
        Assert.Equal("D", BybitVenue.WireInterval(KlineInterval.D1));
        Assert.Null(BybitVenue.WireInterval(KlineInterval.H8));
    }
}
