using System.Diagnostics;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Okx;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Okx;

public sealed class OkxVenueTests : IAsyncLifetime, IDisposable
{
    private const string Tickers = "/api/v5/market/tickers";
    private const string OpenInterest = "/api/v5/public/open-interest";
    private const string MarkPrice = "/api/v5/public/mark-price";
    private const string Funding = "/api/v5/public/funding-rate";
    private const string Instruments = "/api/v5/public/instruments";
    private static readonly Symbol Btc = new("BTC-USDT-SWAP");

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeOkxServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOkxServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private OkxVenue Venue(Action<OkxOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new OkxOptions { RestUrl = _fake.RestUrl, RetryBaseDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new OkxVenue(_http, Options.Create(options), time ?? _time, NullLogger<OkxVenue>.Instance);
    }

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) => headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_ContractsBecomeCoins_IntervalsFromFundingTimes()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var stats = (await venue.GetStatsAsync(["btc", "OP", "XYZ", "NOPE"], cts.Token)).ToDictionary(s => s.Asset);

        Assert.Equal(["BTC", "OP", "XYZ"], stats.Keys.Order());
        var btc = stats["BTC"];
        Assert.Equal("okx", btc.Venue);
        Assert.Equal("BTC-USDT-SWAP", btc.Instrument);
        Assert.Equal(12.34m, btc.OpenInterestCoins); // 1234 contracts × ctVal 0.01
        Assert.Equal(1497412.108m, btc.OpenInterestUsd);
        Assert.Equal(121346.2m, btc.MarkPrice);
        Assert.Equal(0.0000792386885340m, btc.FundingRate);
        Assert.Equal(8, btc.FundingIntervalHours);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FakeOkxServer.FundingTime), btc.NextFundingTime);
        Assert.Equal(95000.5m * 121340.1m, btc.Volume24hUsd);
        var op = stats["OP"];
        Assert.Equal(25_000m, op.OpenInterestCoins); // 2500 contracts × ctVal 10
        Assert.Equal(4, op.FundingIntervalHours);
        Assert.Equal(-0.0002m, op.FundingRate);
        var xyz = stats["XYZ"];
        Assert.Equal(100m, xyz.OpenInterestCoins); // 10 × ctVal 5 × ctMult 2
        Assert.Equal(300m, xyz.OpenInterestUsd); // no oiUsd sent: coins × mark

        Assert.Equal(1, _fake.Count(Tickers));
        Assert.Equal(1, _fake.Count(OpenInterest));
        Assert.Equal(1, _fake.Count(MarkPrice));
        Assert.Equal("?instType=SWAP", _fake.RequestsTo(OpenInterest).Single().QueryString);
        // funding-rate has no bulk form: one call per asked asset OKX lists, none for NOPE.
        Assert.Equal(["?instId=BTC-USDT-SWAP", "?instId=OP-USDT-SWAP", "?instId=XYZ-USDT-SWAP"],
            _fake.RequestsTo(Funding).Select(r => r.QueryString).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_PepeTenMillionPerContract_InPepe()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var pepe = Assert.Single(await venue.GetStatsAsync(["1000PEPE"], cts.Token));

        Assert.Equal("PEPE", pepe.Asset);
        Assert.Equal(3_000_000_000m, pepe.OpenInterestCoins); // 300 contracts × 10,000,000 PEPE
        Assert.Equal(0.00001234m, pepe.MarkPrice);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_FiftyAssets_BulkCallsOnce_FundingOnlyForListedAndCached()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        var assets = new[] { "BTC", "OP", "PEPE" }.Concat(Enumerable.Range(1, 47).Select(i => $"COIN{i}")).ToList();

        var first = await venue.GetStatsAsync(assets, cts.Token);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await venue.GetStatsAsync(assets, cts.Token);

        Assert.Equal(3, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Equal(2, _fake.Count(Tickers));
        Assert.Equal(2, _fake.Count(OpenInterest));
        Assert.Equal(2, _fake.Count(MarkPrice));
        Assert.Equal(1, _fake.Count(Instruments));
        Assert.Equal(3, _fake.Count(Funding)); // the second round reads the one-minute cache

        _time.Advance(TimeSpan.FromSeconds(31));
        await venue.GetStatsAsync(["BTC"], cts.Token);
        Assert.Equal(4, _fake.Count(Funding));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetPremiumIndexAsync_MarksInBulk_FundingOnlyForWatched()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.DefaultWatched = 0);

        Assert.Empty(await venue.GetPremiumIndexAsync(cts.Token)); // nothing watched yet: no made-up rates
        Assert.Equal(0, _fake.Count(Funding));

        var oi = await venue.GetOpenInterestAsync(Btc, cts.Token);
        var premiums = await venue.GetPremiumIndexAsync(cts.Token);

        Assert.Equal(12.34m, oi.Contracts);
        Assert.Equal(1497412.108m, oi.ValueUsd);
        Assert.Equal("?instType=SWAP&instId=BTC-USDT-SWAP", _fake.RequestsTo(OpenInterest).Single().QueryString);
        var p = Assert.Single(premiums);
        Assert.Equal(Btc, p.Symbol);
        Assert.Equal(121346.2m, p.MarkPrice);
        Assert.Equal(0.0000792386885340m, p.FundingRate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FakeOkxServer.FundingTime), p.NextFundingTime);
        Assert.Equal(2, _fake.Count(MarkPrice));
        Assert.Equal(1, _fake.Count(Funding));

        var info = Assert.Single(await venue.GetFundingInfoAsync(cts.Token));
        Assert.Equal(8, info.IntervalHours);
        Assert.Equal(1, _fake.Count(Funding)); // cached
    }

    [Fact(Timeout = 30_000)]
    public async Task GetPremiumIndexAsync_MostTradedWatchedByDefault_RankedOncePerInstrumentsMaxAge()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.DefaultWatched = 2);

        var first = await venue.GetPremiumIndexAsync(cts.Token);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await venue.GetPremiumIndexAsync(cts.Token);

        // 24 h USD volume: BTC 95,000.5 × 121,340.1 > OP 12,000,000 × 0.76 > PEPE > XYZ.
        Assert.Equal(["BTC-USDT-SWAP", "OP-USDT-SWAP"], first.Select(p => p.Symbol.Value));
        Assert.Equal(first.Select(p => p.FundingRate), second.Select(p => p.FundingRate));
        Assert.Equal(1, _fake.Count(Tickers));
        Assert.Equal(2, _fake.Count(Funding));
        Assert.Equal(2, _fake.Count(MarkPrice));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetFundingInfoAsync_FourHourInstrument_FromFundingTimes()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.DefaultWatched = 0);
        var op = new Symbol("OP-USDT-SWAP");
        await venue.GetFundingHistoryAsync(op, default, cts.Token);
        await venue.GetFundingHistoryAsync(Btc, default, cts.Token);

        var info = (await venue.GetFundingInfoAsync(cts.Token)).ToDictionary(e => e.Symbol.Value, e => e.IntervalHours);

        Assert.Equal(new Dictionary<string, int> { ["BTC-USDT-SWAP"] = 8, ["OP-USDT-SWAP"] = 4 }, info);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetPerpetualsAsync_LiveUsdtLinearSwapsOnly()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var contracts = await venue.GetPerpetualsAsync(cts.Token);

        Assert.Equal(["BTC-USDT-SWAP", "OP-USDT-SWAP", "PEPE-USDT-SWAP", "XYZ-USDT-SWAP"], contracts.Select(c => c.Symbol.Value));
        Assert.Equal("BTC", contracts[0].BaseAsset);
        Assert.Equal("USDT", contracts[0].QuoteAsset);
        Assert.Equal("?instType=SWAP", _fake.RequestsTo(Instruments).Single().QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task HistoryEndpoints_ParseAndSendDocumentedQueries()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1760000000000);

        var funding = await venue.GetFundingHistoryAsync(Btc, new HistoryQuery(start, null, 1000), cts.Token);
        var klines = await venue.GetKlinesAsync(Btc, KlineInterval.M5, new HistoryQuery(start, null, 1500), cts.Token);
        var oi = await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, new HistoryQuery(start, null, 500), cts.Token);
        var ratios = await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M5, new HistoryQuery(start, null, 500), cts.Token);

        // realizedRate is the settled rate; fundingRate where it is empty. Oldest first.
        Assert.Equal([0.000227985782722m, 0.0000746572360545m], funding.Select(f => f.Rate));
        Assert.Equal("?instId=BTC-USDT-SWAP&after=1760054410001&before=1759999999999&limit=100",
            _fake.RequestsTo("/api/v5/public/funding-rate-history").Single().QueryString);

        Assert.Equal(2, klines.Count);
        Assert.Equal(121400m, klines[^1].Close);
        Assert.Equal(12.5m, klines[^1].Volume); // volCcy: coins, not the 1250 contracts
        Assert.Equal(1517500m, klines[^1].QuoteVolume);
        Assert.Equal("?instId=BTC-USDT-SWAP&bar=5m&after=1760054410001&before=1759999999999&limit=300",
            _fake.RequestsTo("/api/v5/market/candles").Single().QueryString);

        Assert.Equal([12m, 12.34m], oi.Select(p => p.Contracts)); // 1200 and 1234 contracts × 0.01
        Assert.Equal(1497412.1m, oi[^1].ValueUsd);
        Assert.Equal("?instId=BTC-USDT-SWAP&period=5m&begin=1760000000000&end=1760054410000&limit=100",
            _fake.RequestsTo("/api/v5/rubik/stat/contracts/open-interest-history").Single().QueryString);

        Assert.Equal([0.8m, 1.25m], ratios.Select(r => r.Ratio));
        Assert.Equal(1.25m / 2.25m, ratios[^1].LongShare);
        Assert.Equal(1m - 1.25m / 2.25m, ratios[^1].ShortShare);
        Assert.Equal("?ccy=BTC&period=5m&begin=1760000000000&end=1760054410000",
            _fake.RequestsTo("/api/v5/rubik/stat/contracts/long-short-account-ratio").Single().QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tickers_FuturesInCoins_SpotRenamedForBasePlusQuote()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var futures = await venue.GetFuturesTickersAsync(cts.Token);
        var spot = await venue.GetSpotTickersAsync(cts.Token);

        Assert.DoesNotContain(futures, t => t.Symbol.Value == "BTC-USD-SWAP");
        var btc = futures.Single(t => t.Symbol == Btc);
        Assert.Equal(95000.5m, btc.Volume);
        Assert.Equal(95000.5m * 121340.1m, btc.QuoteVolume);
        var pepe = Assert.Single(spot);
        Assert.Equal("PEPEUSDT", pepe.Symbol.Value);
        Assert.Equal(990000m, pepe.QuoteVolume);
        Assert.Equal((0.00001234m - 0.0000120m) / 0.0000120m * 100m, pepe.PriceChangePercent);
        Assert.Equal("?instType=SPOT", _fake.RequestsTo(Tickers)[^1].QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task OverviewHistory_AssetToInstrument_InCoins()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var history = await venue.GetOpenInterestHistoryAsync("btc", DataPeriod.H1, default, cts.Token);

        Assert.Equal([12m, 12.34m], history.Select(p => p.Contracts));
        Assert.Equal("?instId=BTC-USDT-SWAP&period=1H", _fake.RequestsTo("/api/v5/rubik/stat/contracts/open-interest-history").Single().QueryString);
        Assert.Empty(await venue.GetOpenInterestHistoryAsync("NOPE", DataPeriod.H1, default, cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task UnsupportedSeries_EmptyWithoutRequests()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        Assert.Empty(await venue.GetTakerVolumeAsync(Btc, DataPeriod.M5, default, cts.Token));
        Assert.Empty(await venue.GetLongShortRatioAsync(Btc, RatioKind.TopTraderPositions, DataPeriod.M5, default, cts.Token));
        Assert.Empty(await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M15, default, cts.Token));
        Assert.Empty(await venue.GetKlinesAsync(Btc, KlineInterval.H8, default, cts.Token));
        Assert.Equal(0, _fake.Total);
    }

    [Fact(Timeout = 30_000)]
    public async Task UnknownInstrument_Code51001_InvalidSymbol()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFundingHistoryAsync(new Symbol("NOPE-USDT-SWAP"), default, cts.Token));

        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal(51001, ex.VendorCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429Code50011WithRetryAfter_PausesHost_NothingSent()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeOkxServer.Error("50011", "Too Many Requests", 429, Headers(("Retry-After", "3"))));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.HttpStatus);
        Assert.Equal(50011, ex.VendorCode);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        var before = _fake.Total;

        _time.Advance(TimeSpan.FromSeconds(2));
        var during = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));
        Assert.Equal(VenueErrorKind.RateLimited, during.Kind);
        Assert.Equal(before, _fake.Total);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await venue.GetStatsAsync(["BTC"], cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status429WithoutRetryAfter_PausesOneWindow()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, new FakeResponse(429));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact(Timeout = 30_000)]
    public async Task Code50011InOkBody_RateLimitedAndPaused()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(MarkPrice, FakeOkxServer.Error("50011", "Too Many Requests"));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPremiumIndexAsync(cts.Token));
        await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Equal(50011, ex.VendorCode);
        Assert.Equal(1, _fake.Total);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEmpty(await venue.GetFuturesTickersAsync(cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task FundingRateLimited_StatsStillAnswerWithoutFunding()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Funding, FakeOkxServer.Error("50011", "Too Many Requests", 429));

        var btc = Assert.Single(await venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Null(btc.FundingRate);
        Assert.Equal(12.34m, btc.OpenInterestCoins);
    }

    [Fact(Timeout = 30_000)]
    public async Task FundingServerErrors_StatsAnswerWithoutFunding_RoundStopsAtFirstFailure()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Funding, new FakeResponse(503), new FakeResponse(503));

        var stats = await venue.GetStatsAsync(["BTC", "OP", "XYZ"], cts.Token);

        Assert.Equal(3, stats.Count);
        Assert.All(stats, s => Assert.Null(s.FundingRate));
        Assert.Equal(12.34m, stats.Single(s => s.Asset == "BTC").OpenInterestCoins);
        Assert.Equal(2, _fake.Count(Funding)); // one instrument, retried once; the others not tried this round
    }

    [Fact(Timeout = 30_000)]
    public async Task OtherCode_BadResponseNamingCode()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeOkxServer.Error("50014", "Parameter instType can not be empty", 400));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal(50014, ex.VendorCode);
        Assert.Equal(400, ex.HttpStatus);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"code\":\"0\",\"data\":[")]
    [InlineData("<html>503</html>")]
    [InlineData("")]
    [InlineData("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"last\":\"1\",\"ts\":\"not-a-time\"}]}")]
    [InlineData("{\"code\":\"0\",\"msg\":\"\",\"data\":{}}")]
    public async Task GarbageBody_BadResponse(string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Tickers, FakeResponse.Json(body));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetFuturesTickersAsync(cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("okx", ex.Venue);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status451_RegionBlocked()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        _fake.Enqueue(Instruments, new FakeResponse(451));

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetPerpetualsAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task ServerNeverAnswers_TimeoutWithinRequestTimeout()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500), TimeProvider.System);
        _fake.Enqueue(Instruments, FakeResponse.Slow(TimeSpan.FromSeconds(60)));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task PerEndpointLimit_RubikWaitsForItsWindow()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue();
        var limiter = venue.Limiter(OkxVenue.Paths.OpenInterestHistory);
        Assert.Equal(4, limiter.Limit); // 80 % of 5 per 2 s

        for (var i = 0; i < 4; i++)
        {
            await venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, default, cts.Token);
        }
        var pending = venue.GetOpenInterestHistoryAsync(Btc, DataPeriod.M5, default, cts.Token);
        // The call's 5 s deadline timer plus the 2 s window wait.
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the fifth request to wait for the window");
        Assert.False(pending.IsCompleted);
        Assert.Equal(4, _fake.Count("/api/v5/rubik/stat/contracts/open-interest-history"));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await pending).Count);
        Assert.Equal(5, _fake.Count("/api/v5/rubik/stat/contracts/open-interest-history"));
        // Tickers have their own window.
        Assert.Equal(0, venue.Limiter(OkxVenue.Paths.Tickers).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task PerEndpointLimit_WaitLongerThanRequestTimeout_FailsFastWithoutSending()
    {
        using var cts = TestTimeouts.NetworkToken();
        using var venue = Venue(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        for (var i = 0; i < 4; i++)
        {
            await venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M5, default, cts.Token);
        }

        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.M5, default, cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, ex.Kind);
        Assert.Contains("per 2 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, _fake.Count("/api/v5/rubik/stat/contracts/long-short-account-ratio"));
    }
}

/// <summary>Calls per overview cycle for 5 vs 50 watched assets (the figure docs/venues/*.md quote), real clock.</summary>
public sealed class OverviewCallsPerCycleTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Theory(Timeout = 60_000)]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Okx_ThreeBulkCallsPlusFundingCallsWithinHalfTheRequestTimeout(int assets)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var fake = await FakeOkxServer.StartAsync();
        fake.Listings.Clear();
        for (var i = 1; i <= 50; i++)
        {
            fake.Listings.Add(new OkxListing($"C{i}-USDT-SWAP", "1", "1", $"C{i}", "2", "2", "100", "100", "200", "1000", "0.0001", 8));
        }
        using var venue = new OkxVenue(_http, Options.Create(new OkxOptions { RestUrl = fake.RestUrl }), TimeProvider.System, NullLogger<OkxVenue>.Instance);
        await venue.GetPerpetualsAsync(cts.Token); // instruments are hourly, not per cycle
        var before = fake.Total;

        var wanted = Enumerable.Range(1, assets).Select(i => $"C{i}").ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stats = await venue.GetStatsAsync(wanted, cts.Token);
        var firstCycle = clock.Elapsed;

        // Three bulk calls, then at most one funding call per asset — and the funding round stops asking after half of
        // RequestTimeout (OKX allows 20 funding calls per 2 s), so a cycle never costs the aggregation its venue budget.
        Assert.Equal(assets, stats.Count);
        var fundingCalls = fake.Count("/api/v5/public/funding-rate");
        Assert.Equal(3 + fundingCalls, fake.Total - before);
        Assert.InRange(fundingCalls, 1, assets);
        Assert.True(firstCycle < new OkxOptions().RequestTimeout, $"first cycle took {firstCycle}");
        if (assets == 5)
        {
            Assert.Equal(5, fundingCalls); // a handful fits in one cycle
        }
        // The instruments not asked in one cycle are asked first in the next ones: every rate arrives within a few cycles.
        for (var cycle = 0; cycle < 5 && stats.Any(s => s.FundingRate is null); cycle++)
        {
            stats = await venue.GetStatsAsync(wanted, cts.Token);
        }
        Assert.All(stats, s => Assert.Equal(0.0001m, s.FundingRate));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Bybit_OneTickersCallWhateverTheCount(int assets)
    {
        using var cts = TestTimeouts.NetworkToken();
        await using var fake = await FakeBybitServer.StartAsync();
        for (var i = 1; i <= 50; i++)
        {
            fake.Listings.Add(new BybitListing($"C{i}USDT", $"C{i}", 480, "2", "100", "200", "1000", "0.0001"));
        }
        using var venue = new DerivBot.Venues.Bybit.BybitVenue(_http, Options.Create(new DerivBot.Venues.Bybit.BybitOptions { RestUrl = fake.RestUrl }),
            TimeProvider.System, NullLogger<DerivBot.Venues.Bybit.BybitVenue>.Instance);
        await venue.GetFundingInfoAsync(cts.Token); // instruments-info is hourly, not per cycle
        var before = fake.Total;

        var stats = await venue.GetStatsAsync(Enumerable.Range(1, assets).Select(i => $"C{i}").ToList(), cts.Token);

        Assert.Equal(assets, stats.Count);
        Assert.Equal(1, fake.Total - before);
    }
}
