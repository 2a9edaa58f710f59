using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Aster;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Venues;

/// <summary>
/// Primary fail-over on real sockets: a fake Binance answering 451 (as from the US) and a second Binance-shaped fake
/// playing Aster. The funding question is answered by Aster, the 451 is logged once, and other errors never move the primary.
/// </summary>
public sealed class PrimaryVenueSelectorTests : IAsyncLifetime, IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 10, 10, 0, 0, 10, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly ListLogger<PrimaryVenueSelector> _log = new();
    private FakeBinanceServer _binance = null!;
    private FakeBinanceServer _aster = null!;

    public async Task InitializeAsync()
    {
        _binance = await FakeBinanceServer.StartAsync();
        _aster = await FakeBinanceServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _binance.DisposeAsync();
        await _aster.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    private PrimaryVenueSelector Selector()
    {
        var binance = new BinanceMarketDataVenue(_http, Options.Create(new BinanceOptions
        {
            FuturesRestUrl = _binance.RestUrl,
            SpotRestUrl = _binance.RestUrl,
            MaxRetries = 0,
        }), _time, NullLogger<BinanceMarketDataVenue>.Instance);
        var aster = new AsterVenue(_http, Options.Create(new AsterOptions { RestUrl = _aster.RestUrl }), Options.Create(new VenuesOptions()),
            _time, NullLogger<AsterVenue>.Instance);
        return new PrimaryVenueSelector([binance, aster], _log);
    }

    private void BlockBinance(int times)
    {
        foreach (var path in new[] { "/fapi/v1/premiumIndex", "/fapi/v1/fundingRate", "/fapi/v1/exchangeInfo" })
        {
            _binance.Enqueue(path, Enumerable.Repeat(new FakeResponse(451, """{"code":0,"msg":"Service unavailable from a restricted location"}"""), times).ToArray());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task FundingData_Binance451_AnsweredByAsterAndLoggedOnce()
    {
        using var cts = TestTimeouts.NetworkToken();
        BlockBinance(5);
        var selector = Selector();
        Assert.Equal("binance", selector.Name); // before first use

        var premiums = await selector.GetPremiumIndexAsync(cts.Token);
        var history = await selector.GetFundingHistoryAsync(Btc, new HistoryQuery(Limit: 3), cts.Token);
        var universe = await selector.GetPerpetualsAsync(cts.Token);

        Assert.Equal("aster", selector.Name);
        Assert.Equal(0.0001m, premiums.Single(p => p.Symbol == Btc).FundingRate);
        Assert.Equal(3, history.Count);
        Assert.NotEmpty(universe);
        Assert.Single(_binance.RequestsTo("/fapi/v1/premiumIndex")); // asked once, then skipped for good
        Assert.Empty(_binance.RequestsTo("/fapi/v1/fundingRate"));
        Assert.Empty(_binance.RequestsTo("/fapi/v1/exchangeInfo"));
        Assert.Single(_aster.RequestsTo("/fapi/v1/premiumIndex"));
        Assert.Single(_aster.RequestsTo("/fapi/v1/fundingRate"));
        var line = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("Binance refuses this region (HTTP 451); using Aster", line.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConcurrentFirstCalls_Binance451_AllAnsweredOneLogLine()
    {
        using var cts = TestTimeouts.NetworkToken();
        BlockBinance(20);
        var selector = Selector();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => selector.GetPremiumIndexAsync(cts.Token)));

        Assert.All(answers, a => Assert.NotEmpty(a));
        Assert.Equal("aster", selector.Name);
        Assert.Single(_log.Entries);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(500, VenueErrorKind.ServerError)]
    [InlineData(403, VenueErrorKind.BadResponse)]
    [InlineData(418, VenueErrorKind.Banned)]
    public async Task OtherFailures_SurfaceAndNeverMoveThePrimary(int status, VenueErrorKind kind)
    {
        using var cts = TestTimeouts.NetworkToken();
        _binance.Enqueue("/fapi/v1/premiumIndex", FakeResponse.Error(status, -1000, "failure"));
        var selector = Selector();

        var ex = await Assert.ThrowsAsync<VenueException>(() => selector.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal("binance", selector.Name);
        Assert.Empty(_aster.Server.Requests);
        Assert.Empty(_log.Entries);
    }

    [Fact(Timeout = 30_000)]
    public async Task EveryCandidateBlocked_RegionBlockedSurfacesLoggedOncePerVenue()
    {
        using var cts = TestTimeouts.NetworkToken();
        BlockBinance(5);
        _aster.Enqueue("/fapi/v1/premiumIndex", new FakeResponse(451), new FakeResponse(451));
        var selector = Selector();

        var first = await Assert.ThrowsAsync<VenueException>(() => selector.GetPremiumIndexAsync(cts.Token));
        var second = await Assert.ThrowsAsync<VenueException>(() => selector.GetPremiumIndexAsync(cts.Token));

        Assert.Equal(VenueErrorKind.RegionBlocked, first.Kind);
        Assert.Equal("aster", second.Venue);
        Assert.Equal(2, _log.Entries.Count);
        Assert.Contains(_log.Messages, m => m.StartsWith("Aster refuses this region (HTTP 451) and no other primary venue", StringComparison.Ordinal));
    }
}
