using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Aster;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Aster;

/// <summary>
/// Aster through the shared fapi client against a Binance-shaped loopback fake (Aster copies Binance's paths and
/// payloads), with Aster's own differences scripted: fundingInfo bounds named fundingFeeCap/Floor, no /futures/data.
/// </summary>
public sealed class AsterVenueTests : IAsyncLifetime, IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeBinanceServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private AsterVenue Venue() => new(
        _http,
        Options.Create(new AsterOptions { RestUrl = _fake.RestUrl }),
        Options.Create(new VenuesOptions()),
        _time,
        NullLogger<AsterVenue>.Instance,
        () => 0.5);

    [Fact(Timeout = 30_000)]
    public async Task MarketData_BinanceShapedEndpoints_ParsedUnderAstersName()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/fundingInfo", FakeResponse.Json(Fixture.Read("aster/fundingInfo.json")));
        var aster = Venue();

        Assert.Equal("aster", aster.Name);
        Assert.Equal(4, (await aster.GetPerpetualsAsync(cts.Token)).Count);
        Assert.Equal(121346.2m, (await aster.GetPremiumIndexAsync(cts.Token)).Single(p => p.Symbol == Btc).MarkPrice);
        var info = Assert.Single(await aster.GetFundingInfoAsync(cts.Token));
        Assert.Equal(new FundingInfoEntry(new Symbol("1000PEPEUSDT"), 4, 0.02m, -0.02m), info);
        Assert.Equal(92311.547m, (await aster.GetOpenInterestAsync(Btc, cts.Token)).Contracts);
        Assert.NotEmpty(await aster.GetKlinesAsync(Btc, KlineInterval.H1, new HistoryQuery(Limit: 6), cts.Token));
        Assert.NotEmpty(await aster.GetFuturesTickersAsync(cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task SpotTickers_NoSpotOnTheFuturesHost_EmptyWithoutARequest()
    {
        using var cts = TestTimeouts.NetworkToken();

        Assert.Empty(await Venue().GetSpotTickersAsync(cts.Token));

        Assert.Empty(_fake.RequestsTo("/api/v3/ticker/24hr"));
    }

    [Fact(Timeout = 30_000)]
    public async Task FuturesData_EndpointMissing404_EmptyListsNotFailures()
    {
        using var cts = TestTimeouts.NetworkToken();
        foreach (var path in new[] { "/futures/data/openInterestHist", "/futures/data/globalLongShortAccountRatio", "/futures/data/takerlongshortRatio" })
        {
            _fake.Enqueue(path, FakeResponse.Error(404, -1, "Not found"), FakeResponse.Error(404, -1, "Not found"));
        }
        var aster = Venue();

        Assert.Empty(await aster.GetOpenInterestHistoryAsync(Btc, DataPeriod.H1, default, cts.Token));
        Assert.Empty(await aster.GetLongShortRatioAsync(Btc, RatioKind.GlobalAccounts, DataPeriod.H1, default, cts.Token));
        Assert.Empty(await aster.GetTakerVolumeAsync(Btc, DataPeriod.H1, default, cts.Token));
        Assert.Empty(await ((IVenueOverview)aster).GetOpenInterestHistoryAsync("BTC", DataPeriod.H1, default, cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Overview_BulkPlusOpenInterestOnlyForAskedAssets()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/fundingInfo", FakeResponse.Json(Fixture.Read("aster/fundingInfo.json")));

        var stats = await Venue().GetStatsAsync(["PEPE"], cts.Token);

        var pepe = Assert.Single(stats);
        Assert.Equal("aster", pepe.Venue);
        Assert.Equal("1000PEPEUSDT", pepe.Instrument);
        Assert.Equal(4, pepe.FundingIntervalHours);
        Assert.Equal(92311.547m * 1000m, pepe.OpenInterestCoins);
        Assert.Equal("?symbol=1000PEPEUSDT", Assert.Single(_fake.RequestsTo("/fapi/v1/openInterest")).QueryString);
        Assert.Single(_fake.RequestsTo("/fapi/v1/premiumIndex"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Overview_OpenInterestEndpointMissing_RowLeftOutRestStillAnswers()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/openInterest", FakeResponse.Error(404, -1, "Not found"));

        var stats = await Venue().GetStatsAsync(["BTC"], cts.Token);

        Assert.Empty(stats);
    }

    [Fact(Timeout = 30_000)]
    public async Task Failures_CarryAstersNameAndUseItsOwnGate()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/premiumIndex", FakeResponse.Json("{not json"));
        var aster = Venue();
        var binance = new BinanceMarketDataVenue(_http, Options.Create(new BinanceOptions { FuturesRestUrl = _fake.RestUrl, SpotRestUrl = _fake.RestUrl }),
            _time, NullLogger<BinanceMarketDataVenue>.Instance);

        var ex = await Assert.ThrowsAsync<VenueException>(() => aster.GetPremiumIndexAsync(cts.Token));

        Assert.Equal("aster", ex.Venue);
        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
        Assert.StartsWith("aster: malformed premiumIndex", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, aster.Fapi.FuturesGate.UsedWeight); // premiumIndex weight 10 counted on Aster's gate…
        Assert.Equal(0, binance.FuturesGate.UsedWeight);          // …not on Binance's
    }

    [Fact(Timeout = 30_000)]
    public async Task RegionBlocked_451_IsRegionBlockedNamingAster()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue("/fapi/v1/exchangeInfo", new FakeResponse(451));

        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetPerpetualsAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, ex.Kind);
        Assert.Equal("aster", ex.Venue);
    }
}
