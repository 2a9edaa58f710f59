using DerivBot.Core.Ports;
using DerivBot.Venues.Aster;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Hyperliquid;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Venues;

/// <summary><c>AddVenues</c>: Venues:Enabled / Primary / RequestTimeout and the per-venue URL keys, each failure naming its key.</summary>
public sealed class VenuesSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IConfigurationBuilder>? more = null)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(settings);
        more?.Invoke(builder);
        var services = new ServiceCollection();
        services.AddLogging();
        // The market store provides this in the host; the liquidation streams subscribe what it watches.
        services.AddSingleton<IWatchedSymbols>(new DerivBot.Testing.FakeWatchedSymbols());
        services.AddVenues(builder.Build());
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>What ValidateOnStart checks at host start, done by hand: every options type's value.</summary>
    private static void ValidateAll(IServiceProvider provider)
    {
        _ = provider.GetRequiredService<IOptions<VenuesOptions>>().Value;
        _ = provider.GetService<IOptions<HyperliquidOptions>>()?.Value;
        _ = provider.GetService<IOptions<GateOptions>>()?.Value;
        _ = provider.GetService<IOptions<AsterOptions>>()?.Value;
        _ = provider.GetService<IOptions<BinanceOptions>>()?.Value;
    }

    [Fact]
    public void AddVenues_Defaults_EveryVenueEnabledBinancePrimary()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<VenuesOptions>>().Value;
        Assert.Equal(["binance", "bybit", "okx", "hyperliquid", "gate", "aster", "deribit"], options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        var overviews = provider.GetServices<IVenueOverview>().Select(v => v.Name).ToList();
        Assert.Equal(["binance", "bybit", "okx", "hyperliquid", "gate", "aster"], overviews);
        Assert.Equal("deribit", provider.GetRequiredService<IOptionsVenue>().Name);
        var selector = Assert.IsType<PrimaryVenueSelector>(provider.GetRequiredService<IMarketDataVenue>());
        // Default order Binance, Bybit, Okx: Binance first; Aster (not listed) never.
        Assert.Equal("binance", selector.Candidates[0].Name);
        Assert.DoesNotContain(selector.Candidates, c => c.Name == "aster");
        Assert.Equal(selector.Candidates.Select(c => c.Name), options.Primary);
        Assert.Same(provider.GetRequiredService<BinanceMarketDataVenue>(), provider.GetRequiredKeyedService<IMarketDataVenue>(VenueIds.Binance));
        Assert.Same(provider.GetRequiredService<AsterVenue>(), provider.GetRequiredKeyedService<IMarketDataVenue>(VenueIds.Aster));
        Assert.Null(provider.GetKeyedService<IMarketDataVenue>(VenueIds.Hyperliquid));
        // The primary's mark-price stream first, then the liquidation-only streams of Bybit, OKX (WebSocket) and Gate (polled).
        var streams = provider.GetServices<IMarketStream>().ToList();
        Assert.Equal(["binance", "bybit", "okx", "gate"], streams.Select(s => s.Name));
        Assert.IsNotAssignableFrom<ILiquidationStream>(streams[0]);
        Assert.All(streams.Skip(1), s => Assert.IsAssignableFrom<ILiquidationStream>(s));
        Assert.Equal("https://api.hyperliquid.xyz", provider.GetRequiredService<IOptions<HyperliquidOptions>>().Value.RestUrl);
        Assert.Equal("https://api.gateio.ws/api/v4", provider.GetRequiredService<IOptions<GateOptions>>().Value.RestUrl);
        Assert.Equal("https://fapi.asterdex.com", provider.GetRequiredService<IOptions<AsterOptions>>().Value.RestUrl);
        ValidateAll(provider);
    }

    [Fact]
    public void AddVenues_EnvironmentArray_ReplacesTheDefaultList()
    {
        var prefix = "DERIVBOT_VENUES_TEST_" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "Venues__Enabled__0", "Gate");
        Environment.SetEnvironmentVariable(prefix + "Venues__Enabled__1", "aster");
        try
        {
            using var provider = Build([], b => b.AddEnvironmentVariables(prefix));

            var options = provider.GetRequiredService<IOptions<VenuesOptions>>().Value;
            Assert.Equal(["gate", "aster"], options.Enabled); // not the six defaults plus these two
            Assert.Equal(["gate", "aster"], provider.GetServices<IVenueOverview>().Select(v => v.Name));
            Assert.Null(provider.GetService<BinanceMarketDataVenue>());
            // No Venues:Primary entry is enabled: the enabled venue with full market data serves.
            var selector = Assert.IsType<PrimaryVenueSelector>(provider.GetRequiredService<IMarketDataVenue>());
            Assert.Equal(["aster"], selector.Candidates.Select(c => c.Name));
            Assert.Equal(["aster"], options.Primary);
            // No mark-price stream (Aster has none); Gate's liquidations are still polled into the merged flow.
            Assert.Equal(["gate"], provider.GetServices<IMarketStream>().Select(m => m.Name));
            Assert.IsType<GateLiquidationPoller>(provider.GetServices<IMarketStream>().Single());
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Venues__Enabled__0", null);
            Environment.SetEnvironmentVariable(prefix + "Venues__Enabled__1", null);
        }
    }

    [Fact]
    public void AddVenues_CommaSeparatedAndMixedCase_Accepted()
    {
        using var provider = Build(new() { ["Venues:Enabled"] = "BINANCE, hyperliquid,Deribit" });

        Assert.Equal(["binance", "hyperliquid", "deribit"], provider.GetRequiredService<IOptions<VenuesOptions>>().Value.Enabled);
    }

    [Fact]
    public void AddVenues_PrimaryEntriesNotEnabled_SkippedInOrder()
    {
        using var provider = Build(new()
        {
            ["Venues:Enabled:0"] = "Binance",
            ["Venues:Enabled:1"] = "Aster",
            ["Venues:Primary:0"] = "Okx",
            ["Venues:Primary:1"] = "Aster",
            ["Venues:Primary:2"] = "Bybit",
            ["Venues:Primary:3"] = "Binance",
        });

        var selector = Assert.IsType<PrimaryVenueSelector>(provider.GetRequiredService<IMarketDataVenue>());
        Assert.Equal(["aster", "binance"], selector.Candidates.Select(c => c.Name));
        Assert.Equal(["aster", "binance"], provider.GetRequiredService<IOptions<VenuesOptions>>().Value.Primary);
        // Binance's stream feeds the store only when Binance heads the order.
        Assert.Null(provider.GetService<IMarketStream>());
    }

    [Theory]
    [InlineData("Hyperliquid")]
    [InlineData("gate")]
    [InlineData("Deribit")]
    public void AddVenues_PrimaryWithoutFullMarketData_RejectedNamingTheKey(string venue)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Venues:Primary:0"] = "Binance", ["Venues:Primary:1"] = venue }));

        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("Venues:Primary cannot list", failure, StringComparison.Ordinal);
        Assert.Contains(venue, failure, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Venues:Enabled:0", "Kraken", "Venues:Enabled lists an unknown venue 'kraken'")]
    [InlineData("Venues:Primary:0", "Kraken", "Venues:Primary lists an unknown venue 'kraken'")]
    public void AddVenues_UnknownVenue_RejectedNamingTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build(new() { [key] = value }));

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddVenues_NoEnabledVenueCanBePrimary_RejectedNamingTheKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Venues:Enabled:0"] = "Hyperliquid", ["Venues:Enabled:1"] = "Gate" }));

        Assert.StartsWith("Venues:Enabled has no venue with full market data", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Venues:Hyperliquid:RestUrl", "api.hyperliquid.xyz")]
    [InlineData("Venues:Gate:RestUrl", "ftp://api.gateio.ws/api/v4")]
    [InlineData("Venues:Aster:RestUrl", "notaurl")]
    public void AddVenues_BadRestUrl_FailsAtStartNamingTheKey(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateAll(provider));

        Assert.Contains(ex.Failures, f => f.StartsWith(key + " must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    [Fact]
    public void AddVenues_BadUrlOfDisabledVenue_Ignored()
    {
        using var provider = Build(new() { ["Venues:Enabled:0"] = "Binance", ["Venues:Gate:RestUrl"] = "notaurl" });

        ValidateAll(provider);
        Assert.Null(provider.GetService<GateVenue>());
    }

    [Fact]
    public void AddVenues_RequestTimeout_BoundAndValidated()
    {
        using (var ok = Build(new() { ["Venues:RequestTimeout"] = "00:00:02" }))
        {
            Assert.Equal(TimeSpan.FromSeconds(2), ok.GetRequiredService<IOptions<VenuesOptions>>().Value.RequestTimeout);
        }
        using var bad = Build(new() { ["Venues:RequestTimeout"] = "00:00:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<VenuesOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("Venues:RequestTimeout must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void AddVenues_Replay_UnchangedReplayVenue()
    {
        using var provider = Build(new() { ["Venues:Mode"] = "Replay" });

        Assert.IsType<ReplayVenue>(provider.GetRequiredService<IMarketDataVenue>());
    }
}
