using System.Net;
using System.Net.Sockets;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Deribit;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Deribit;

public sealed class DeribitOptionsVenueTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 5, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeDeribitServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDeribitServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private DeribitOptionsVenue Venue(string? url = null, Action<DeribitOptions>? configure = null)
    {
        var options = new DeribitOptions { RestUrl = url ?? _fake.RestUrl, RetryBaseDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new DeribitOptionsVenue(_http, Options.Create(options), _time, NullLogger<DeribitOptionsVenue>.Instance);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_Btc_ParsesNumbersNullsAndNamesAndSkipsCombos()
    {
        using var cts = TestTimeouts.NetworkToken();
        var chain = await Venue().GetChainAsync("BTC", cts.Token);

        Assert.Equal("BTC", chain.Asset);
        Assert.Equal("deribit", chain.Venue);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FakeDeribitServer.UsOut / 1000), chain.Time);
        Assert.Equal(100_000m, chain.IndexPrice);
        Assert.Equal(9, chain.Options.Count); // the combo is not an option
        var call = chain.Options.Single(o => o.Instrument == "BTC-25DEC26-90000-C");
        Assert.Equal(10m, call.OpenInterest);
        Assert.Equal(2m, call.Volume24h);
        Assert.Equal(0.50m, call.MarkIv); // Deribit's 50.0 (percent) as a fraction
        Assert.Equal(100_500m, call.UnderlyingPrice);
        var oneDigitDay = chain.Options.Single(o => o.Instrument == "BTC-5DEC26-100000-C");
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), oneDigitDay.Expiry);
        Assert.Null(oneDigitDay.MarkIv);
        var allNulls = chain.Options.Single(o => o.Instrument == "BTC-29JAN27-80000-P");
        Assert.Null(allNulls.Volume24h);
        Assert.Null(allNulls.UnderlyingPrice);
        Assert.Null(allNulls.MarkPrice);
        Assert.Equal(2m, allNulls.OpenInterest);

        var request = Assert.Single(_fake.Server.RequestsTo(FakeDeribitServer.SummaryPath));
        Assert.Equal("?currency=BTC&kind=option", request.QueryString);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_FromTheFake_GivesTheHandComputedSignal()
    {
        using var cts = TestTimeouts.NetworkToken();
        var chain = await Venue().GetChainAsync("BTC", cts.Token);
        var signal = OptionsSignals.Compute(chain, _time.GetUtcNow(), new Core.Signals.OptionsSignalOptions(), [], OptionsMarketContext.None);

        Assert.Equal(46m / 49m, signal.PutCallOiRatio);
        Assert.Equal(9m / 16m, signal.PutCallVolumeRatio);
        Assert.Equal(90_000m, signal.MaxPain);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_LinearUsdcNames_FilteredByCoin()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        var sol = await venue.GetChainAsync("sol", cts.Token);
        var xrp = await venue.GetChainAsync("XRP", cts.Token);

        Assert.Equal(2, sol.Options.Count);
        Assert.All(sol.Options, o => Assert.Equal("USDC", o.Name.Settlement));
        Assert.Equal(250m, sol.IndexPrice);
        Assert.Equal(1500m, sol.Options.Single(o => o.Right == OptionRight.Call).OpenInterest);
        Assert.Equal(2.5m, Assert.Single(xrp.Options).Strike);
        // Both coins came from one USDC request: one call per currency per minute.
        Assert.Equal(1, _fake.SummaryRequests("USDC"));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_EmptyChain_IsAnEmptyChainNotAnError()
    {
        using var cts = TestTimeouts.NetworkToken();
        var chain = await Venue().GetChainAsync("ETH", cts.Token);

        Assert.Empty(chain.Options);
        Assert.Null(chain.IndexPrice);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_UnlistedCoin_InvalidSymbol()
    {
        using var cts = TestTimeouts.NetworkToken();
        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetChainAsync("PEPE", cts.Token));
        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal("deribit", ex.Venue);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_WithinAMinute_OneRequestPerCurrency_ThenRefreshes()
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Venue();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => venue.GetChainAsync("BTC", cts.Token)));
        _time.Advance(TimeSpan.FromSeconds(59));
        await venue.GetChainAsync("BTC", cts.Token);
        Assert.Equal(1, _fake.SummaryRequests("BTC"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await venue.GetChainAsync("BTC", cts.Token);
        Assert.Equal(2, _fake.SummaryRequests("BTC"));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_FailureAlsoStandsForAMinute_VenueIsNotHammered()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(FakeDeribitServer.SummaryPath, FakeDeribitServer.RpcError(400, 10028, "too_many_requests"));
        var venue = Venue();
        var first = await Assert.ThrowsAsync<VenueException>(() => venue.GetChainAsync("BTC", cts.Token));
        var second = await Assert.ThrowsAsync<VenueException>(() => venue.GetChainAsync("BTC", cts.Token));

        Assert.Equal(VenueErrorKind.RateLimited, first.Kind);
        Assert.Equal(10028, first.VendorCode);
        Assert.Same(first, second);
        Assert.Equal(1, _fake.SummaryRequests("BTC"));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEmpty((await venue.GetChainAsync("BTC", cts.Token)).Options);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(500, VenueErrorKind.ServerError)]
    [InlineData(429, VenueErrorKind.RateLimited)]
    [InlineData(451, VenueErrorKind.RegionBlocked)]
    [InlineData(403, VenueErrorKind.BadResponse)]
    public async Task GetChain_HttpErrors_MapToVenueErrorKinds(int status, VenueErrorKind kind)
    {
        using var cts = TestTimeouts.NetworkToken();
        for (var i = 0; i < 3; i++)
        {
            _fake.Enqueue(FakeDeribitServer.SummaryPath, new FakeResponse(status, "{}"));
        }
        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetChainAsync("BTC", cts.Token));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Contains("deribit", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_ServerErrorThenSuccess_Retries()
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(FakeDeribitServer.SummaryPath, new FakeResponse(502, "bad gateway"));
        var chain = await Venue().GetChainAsync("BTC", cts.Token);

        Assert.NotEmpty(chain.Options);
        Assert.Equal(2, _fake.SummaryRequests("BTC"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("not json")]
    [InlineData("""{"jsonrpc":"2.0","result":{"oops":1}}""")]
    [InlineData("""{"jsonrpc":"2.0"}""")]
    public async Task GetChain_MalformedBody_BadResponse(string body)
    {
        using var cts = TestTimeouts.NetworkToken();
        _fake.Enqueue(FakeDeribitServer.SummaryPath, FakeResponse.Json(body));
        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue().GetChainAsync("BTC", cts.Token));
        Assert.Equal(VenueErrorKind.BadResponse, ex.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetChain_NothingListens_UnreachableNamingDeribit()
    {
        using var cts = TestTimeouts.NetworkToken();
        var port = FreePort();
        var ex = await Assert.ThrowsAsync<VenueException>(() => Venue($"http://127.0.0.1:{port}/api/v2").GetChainAsync("BTC", cts.Token));
        Assert.Equal(VenueErrorKind.Unreachable, ex.Kind);
        Assert.Equal("deribit", ex.Venue);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetOptionAssets_InverseCurrenciesAndLinearCoins()
    {
        using var cts = TestTimeouts.NetworkToken();
        var assets = await Venue().GetOptionAssetsAsync(cts.Token);
        Assert.Equal(["BTC", "ETH", "SOL", "XRP"], assets);
    }

    [Fact]
    public void AddDeribitVenue_BadRestUrl_FailsAtStartNamingTheKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Venues:Deribit:RestUrl"] = "ftp://nope",
            ["Venues:Deribit:MinRefreshInterval"] = "00:00:10",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDeribitVenue(config).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeribitOptions>>().Value);
        Assert.Contains("Venues:Deribit:RestUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Venues:Deribit:MinRefreshInterval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDeribitVenue_Defaults_RegistersThePortWithTheDocumentedUrl()
    {
        using var services = new ServiceCollection().AddLogging().AddDeribitVenue(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.Equal("https://www.deribit.com/api/v2", services.GetRequiredService<IOptions<DeribitOptions>>().Value.RestUrl);
        Assert.IsType<DeribitOptionsVenue>(services.GetRequiredService<IOptionsVenue>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The same expectations of <see cref="IOptionsVenue"/> for the Deribit adapter and the test fake.</summary>
public sealed class OptionsVenueContractTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private FakeDeribitServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDeribitServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private IOptionsVenue Create(string kind)
    {
        if (kind == "deribit")
        {
            return new DeribitOptionsVenue(_http, Options.Create(new DeribitOptions { RestUrl = _fake.RestUrl }), TimeProvider.System, NullLogger<DeribitOptionsVenue>.Instance);
        }
        var fake = new FakeOptionsVenue();
        Assert.True(OptionName.TryParse("BTC-25DEC26-100000-C", out var name));
        fake.Set(new OptionChain("BTC", "deribit", DateTimeOffset.UnixEpoch, 100_000m, [new OptionSummary("BTC-25DEC26-100000-C", name, 1m, null, null, null, null)]));
        return fake;
    }

    [Theory(Timeout = 30_000)]
    [InlineData("deribit")]
    [InlineData("fake")]
    public async Task Contract_ListedCoinHasItsChain_UnlistedIsInvalidSymbol(string kind)
    {
        using var cts = TestTimeouts.NetworkToken();
        var venue = Create(kind);

        Assert.Contains("BTC", await venue.GetOptionAssetsAsync(cts.Token));
        var chain = await venue.GetChainAsync("btc", cts.Token);
        Assert.Equal("BTC", chain.Asset);
        Assert.All(chain.Options, o => Assert.Equal("BTC", o.Asset));
        Assert.True(venue.MinRefreshInterval >= TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAsync<VenueException>(() => venue.GetChainAsync("NOPE", cts.Token));
        Assert.Equal(VenueErrorKind.InvalidSymbol, ex.Kind);
    }
}
