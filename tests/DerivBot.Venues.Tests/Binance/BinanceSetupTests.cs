using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Binance;

public sealed class BinanceSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBinanceVenue(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void AddBinanceVenue_Defaults_ResolvesSingletonVenueAndStream()
    {
        using var provider = Build([]);

        var venue = provider.GetRequiredService<IMarketDataVenue>();
        var stream = provider.GetRequiredService<IMarketStream>();

        Assert.IsType<BinanceMarketDataVenue>(venue);
        Assert.Same(venue, provider.GetRequiredService<IMarketDataVenue>());
        Assert.Equal("wss://fstream.binance.com/market/stream?streams=!forceOrder@arr/!markPrice@arr@1s",
            Assert.IsType<BinanceMarketStream>(stream).StreamUri.OriginalString);
        var options = provider.GetRequiredService<IOptions<BinanceOptions>>().Value;
        Assert.Equal("https://fapi.binance.com", options.FuturesRestUrl);
        Assert.Equal(0.8, options.WeightBudgetShare);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StreamSilenceTimeout);
        Assert.Equal(TimeSpan.FromHours(23), options.StreamRotateAfter);
    }

    [Fact]
    public void AddBinanceVenue_ConfiguredValues_AreBound()
    {
        using var provider = Build(new()
        {
            ["Venues:Binance:FuturesRestUrl"] = "http://proxy.local:8080/binance",
            ["Venues:Binance:WeightBudgetShare"] = "0.5",
            ["Venues:Binance:RequestTimeout"] = "00:00:03",
        });

        var options = provider.GetRequiredService<IOptions<BinanceOptions>>().Value;

        Assert.Equal("http://proxy.local:8080/binance", options.FuturesRestUrl);
        Assert.Equal(0.5, options.WeightBudgetShare);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
    }

    [Theory]
    [InlineData("Venues:Binance:FuturesRestUrl", "fapi.binance.com", "Venues:Binance:FuturesRestUrl must be an absolute http(s) URL")]
    [InlineData("Venues:Binance:SpotRestUrl", "ftp://api.binance.com", "Venues:Binance:SpotRestUrl must be an absolute http(s) URL")]
    [InlineData("Venues:Binance:FuturesStreamUrl", "https://fstream.binance.com/market", "Venues:Binance:FuturesStreamUrl must be an absolute ws(s) URL")]
    [InlineData("Venues:Binance:FuturesStreamUrl", "wss://fstream.binance.com", "Venues:Binance:FuturesStreamUrl must be the routed market endpoint")]
    [InlineData("Venues:Binance:FuturesStreamUrl", "wss://fstream.binance.com/ws", "Venues:Binance:FuturesStreamUrl must be the routed market endpoint")]
    [InlineData("Venues:Binance:WeightBudgetShare", "1.5", "Venues:Binance:WeightBudgetShare must be greater than 0 and at most 1")]
    [InlineData("Venues:Binance:WeightBudgetShare", "0", "Venues:Binance:WeightBudgetShare must be greater than 0 and at most 1")]
    [InlineData("Venues:Binance:RequestTimeout", "00:00:00", "Venues:Binance:RequestTimeout must be positive")]
    [InlineData("Venues:Binance:StreamRotateAfter", "1.00:00:00", "Venues:Binance:StreamRotateAfter must be under 24:00:00")]
    [InlineData("Venues:Binance:ReconnectBackoffMax", "00:00:00.5", "Venues:Binance:ReconnectBackoffMax must be at least ReconnectBackoffMin")]
    [InlineData("Venues:Binance:MaxRetries", "9", "Venues:Binance:MaxRetries must be between 0 and 5")]
    public void AddBinanceVenue_InvalidValue_FailsWithMessageNamingKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BinanceOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
