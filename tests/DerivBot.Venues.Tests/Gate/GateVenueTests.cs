using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Gate;

/// <summary>
/// Gate USDT futures against a loopback fake under <c>/api/v4</c> answering the documented shapes (apis.md B.5, fixtures
/// of GateIo.Net): contracts (quanto_multiplier string, funding_interval number of seconds), tickers (total_size in
/// contracts), contract_stats (open_interest in contracts, time in seconds).
/// </summary>
public sealed class GateVenueTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1760054400); // 2025-10-10 00:00 UTC
    private readonly ManualTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();
    private FakeJsonVenueServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeJsonVenueServer.StartAsync("gate",
        new Dictionary<string, string>
        {
            [GateVenue.ContractsPath] = "contracts.json",
            [GateVenue.TickersPath] = "tickers.json",
            [GateVenue.ContractStatsPath] = "contract_stats.json",
        },
        basePath: "/api/v4",
        check: r => r.Method == "GET" ? null : "GET only");

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private GateVenue Venue(TimeSpan? timeout = null, TimeProvider? time = null) => new(
        _http,
        Options.Create(new GateOptions { RestUrl = _fake.RestUrl }),
        Options.Create(new VenuesOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) }),
        time ?? _time,
        NullLogger<GateVenue>.Instance);

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_Btc_ContractsTimesQuantoMultiplierAreCoins()
    {
        using var cts = TestTimeouts.NetworkToken();

        var btc = Assert.Single(await Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal("gate", btc.Venue);
        Assert.Equal("BTC_USDT", btc.Instrument);
        Assert.Equal("BTC", btc.Asset);
        Assert.Equal(1.2345m, btc.OpenInterestCoins); // 12,345 contracts × 0.0001 BTC
        Assert.Equal(149_801.8839m, btc.OpenInterestUsd); // 1.2345 × 121,346.2
        Assert.Equal(121346.2m, btc.MarkPrice);
        Assert.Equal(0.0001m, btc.FundingRate);
        Assert.Equal(8, btc.FundingIntervalHours); // funding_interval 28800 s
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760083200), btc.NextFundingTime);
        Assert.Equal(19658910.44m, btc.Volume24hUsd); // volume_24h_quote
        Assert.Equal(Now, btc.Time);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_EthAndPepe_IntervalFromSecondsAndSettleVolumeFallback()
    {
        using var cts = TestTimeouts.NetworkToken();

        var stats = await Venue().GetStatsAsync(["ETH", "PEPE"], cts.Token);

        var eth = stats.Single(s => s.Asset == "ETH");
        Assert.Equal(4, eth.FundingIntervalHours); // 14400 s
        Assert.Equal(2500m, eth.OpenInterestCoins); // 250,000 × 0.01
        Assert.Equal(394200000m, eth.Volume24hUsd); // no volume_24h_quote: volume_24h_settle (USDT-settled)
        var pepe = stats.Single(s => s.Asset == "PEPE");
        Assert.Equal(20_000_000_000m, pepe.OpenInterestCoins); // 2,000 × 10,000,000 PEPE per contract
        Assert.Equal(187_800m, pepe.OpenInterestUsd); // 2e10 × 0.00000939
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_InDelisting_Skipped()
    {
        using var cts = TestTimeouts.NetworkToken();

        Assert.Empty(await Venue().GetStatsAsync(["LUNA"], cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_AnyNumberOfAssets_OneTickersCallPerCycleContractsCached()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        var many = Enumerable.Range(0, 50).Select(i => "COIN" + i).Append("BTC").ToList();

        await venue.GetStatsAsync(["BTC"], cts.Token);
        await venue.GetStatsAsync(many, cts.Token);
        _time.Advance(TimeSpan.FromHours(8)); // past funding_next_apply and the contracts cache
        var later = Assert.Single(await venue.GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(3, _fake.RequestsTo(GateVenue.TickersPath).Count);
        Assert.Equal(2, _fake.RequestsTo(GateVenue.ContractsPath).Count); // once, then again after an hour
        Assert.All(_fake.RequestsTo(GateVenue.TickersPath), r => Assert.Equal("", r.QueryString));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760083200 + 28800), later.NextFundingTime);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_ContractStats_CoinsAndUsdOldestFirst()
    {
        using var cts = TestTimeouts.NetworkToken();

        var history = await Venue().GetOpenInterestHistoryAsync("BTC", DataPeriod.M5,
            new HistoryQuery(DateTimeOffset.FromUnixTimeSeconds(1760050000), null, 500), cts.Token);

        Assert.Equal(2, history.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760053800), history[0].Time);
        Assert.Equal(1.2m, history[0].Contracts); // 12,000 contracts × 0.0001 = coins
        Assert.Equal(1.2345m, history[1].Contracts);
        Assert.Equal(149801.88m, history[1].ValueUsd);
        Assert.Equal("?contract=BTC_USDT&interval=5m&from=1760050000&limit=100", _fake.RequestsTo(GateVenue.ContractStatsPath).Single().QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOpenInterestHistoryAsync_PeriodGateLacksOrUnknownAsset_EmptyWithoutStatsCall()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();

        Assert.Empty(await venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.H2, default, cts.Token));
        Assert.Empty(await venue.GetOpenInterestHistoryAsync("NOPE", DataPeriod.H1, default, cts.Token));

        Assert.Empty(_fake.RequestsTo(GateVenue.ContractStatsPath));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(451, VenueErrorKind.RegionBlocked)]
    [InlineData(403, VenueErrorKind.Banned)]
    [InlineData(429, VenueErrorKind.RateLimited)]
    [InlineData(502, VenueErrorKind.ServerError)]
    public async Task GetStatsAsync_TickersFail_KindNamingGate(int status, VenueErrorKind kind)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(GateVenue.TickersPath, new FakeResponse(status, """{"label":"X","message":"refused"}""",
            new Dictionary<string, string> { ["Retry-After"] = "12" }));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal("gate", ex.Venue);
        if (status is 429 or 403)
        {
            Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(GateVenue.TickersPath, "not json")]
    [InlineData(GateVenue.TickersPath, """[{"contract":"BTC_USDT","total_size":"x","mark_price":"1"}]""")]
    [InlineData(GateVenue.ContractsPath, """{"label":"SERVER_ERROR"}""")]
    [InlineData(GateVenue.ContractsPath, """[{"name":"BTC_USDT","quanto_multiplier":"0","funding_interval":28800}]""")]
    public async Task GetStatsAsync_Garbage_BadResponse(string path, string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(path, FakeResponse.Json(body));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.Equal("gate", ex.Venue);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatsAsync_Unreachable_ClearKindAndBoundedByRequestTimeout()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(GateVenue.ContractsPath, FakeResponse.Slow(TimeSpan.FromSeconds(10)));

        var ex = await Assert.ThrowsAsync<VenueException>(() =>
            Venue(TimeSpan.FromMilliseconds(300), TimeProvider.System).GetStatsAsync(["BTC"], cts.Token));

        Assert.Equal(VenueErrorKind.Timeout, ex.Kind);
    }
}
