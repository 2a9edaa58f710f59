using DerivBot.Core.Ports;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Okx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Bybit;

/// <summary>AddBybitVenue and AddOkxVenue: options, validation naming the key, and the DI shape the lead wires.</summary>
public sealed class VenueSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBybitVenue(configuration);
        services.AddOkxVenue(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void Defaults_DocumentedUrlsAndFiveSecondTimeout()
    {
        using var provider = Build([]);

        var bybit = provider.GetRequiredService<IOptions<BybitOptions>>().Value;
        var okx = provider.GetRequiredService<IOptions<OkxOptions>>().Value;

        Assert.Equal("https://api.bybit.com", bybit.RestUrl);
        Assert.Equal("wss://stream.bybit.com/v5/public/linear", bybit.StreamUrl);
        Assert.Equal("https://www.okx.com", okx.RestUrl);
        Assert.Equal("wss://ws.okx.com:8443/ws/v5/public", okx.StreamUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), bybit.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), okx.RequestTimeout);
    }

    [Fact]
    public void SharedRequestTimeout_AppliesUnlessVenueSetsItsOwn()
    {
        using var provider = Build(new()
        {
            ["Venues:RequestTimeout"] = "00:00:03",
            ["Venues:Okx:RequestTimeout"] = "00:00:07",
            ["Venues:Bybit:RestUrl"] = "http://proxy.local:8080/bybit",
        });

        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IOptions<BybitOptions>>().Value.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<OkxOptions>>().Value.RequestTimeout);
        Assert.Equal("http://proxy.local:8080/bybit", provider.GetRequiredService<IOptions<BybitOptions>>().Value.RestUrl);
    }

    [Fact]
    public void Registrations_SingletonsKeyedAndOverviews_NoUnkeyedMarketDataVenue()
    {
        using var provider = Build([]);

        var bybit = provider.GetRequiredService<BybitVenue>();
        var okx = provider.GetRequiredService<OkxVenue>();

        Assert.Same(bybit, provider.GetRequiredKeyedService<IMarketDataVenue>(VenueIds.Bybit));
        Assert.Same(okx, provider.GetRequiredKeyedService<IMarketDataVenue>(VenueIds.Okx));
        var overviews = provider.GetServices<IVenueOverview>().ToList();
        Assert.Equal(2, overviews.Count);
        Assert.Contains(bybit, overviews);
        Assert.Contains(okx, overviews);
        Assert.Null(provider.GetService<IMarketDataVenue>());
        Assert.Equal("bybit", bybit.Name);
        Assert.Equal("okx", okx.Name);
    }

    [Theory]
    [InlineData("Venues:Bybit:RestUrl", "api.bybit.com", "Venues:Bybit:RestUrl must be an absolute http(s) URL")]
    [InlineData("Venues:Bybit:StreamUrl", "https://stream.bybit.com/v5/public/linear", "Venues:Bybit:StreamUrl must be an absolute ws(s) URL")]
    [InlineData("Venues:Bybit:RequestTimeout", "00:00:00", "Venues:Bybit:RequestTimeout must be positive")]
    [InlineData("Venues:Bybit:MaxRetries", "9", "Venues:Bybit:MaxRetries must be between 0 and 3")]
    [InlineData("Venues:RequestTimeout", "-00:00:01", "Venues:Bybit:RequestTimeout must be positive")]
    public void Bybit_InvalidValue_FailsNamingKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BybitOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Venues:Okx:RestUrl", "ftp://www.okx.com", "Venues:Okx:RestUrl must be an absolute http(s) URL")]
    [InlineData("Venues:Okx:StreamUrl", "ws.okx.com:8443", "Venues:Okx:StreamUrl must be an absolute ws(s) URL")]
    [InlineData("Venues:Okx:MaxWatched", "0", "Venues:Okx:MaxWatched must be between 1 and 500")]
    [InlineData("Venues:Okx:WatchWindow", "00:00:00", "Venues:Okx:WatchWindow must be positive")]
    public void Okx_InvalidValue_FailsNamingKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OkxOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
