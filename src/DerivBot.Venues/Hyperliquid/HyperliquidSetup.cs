using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Hyperliquid;

/// <summary>Registers Hyperliquid (overview only; it cannot be a primary). <c>{ "Venues": { "Hyperliquid": { "RestUrl": "https://api.hyperliquid.xyz" } } }</c></summary>
public static class HyperliquidSetup
{
    public const string HttpClientName = "hyperliquid";

    public static IServiceCollection AddHyperliquidVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<HyperliquidOptions, HyperliquidOptionsValidator>(configuration, HyperliquidOptions.SectionName);
        return services
            .AddVenueSingleton<HyperliquidVenue>(HttpClientName)
            .AddVenueOverview<HyperliquidVenue>();
    }
}

internal sealed class HyperliquidOptionsValidator : IValidateOptions<HyperliquidOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperliquidOptions options) =>
        RestUrlRule.Check(HyperliquidOptions.SectionName + ":" + nameof(HyperliquidOptions.RestUrl), options?.RestUrl);
}
