using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Hyperliquid;

/// <summary>Registers Hyperliquid (overview only; it cannot be a primary). <c>{ "Venues": { "Hyperliquid": { "RestUrl": "https://api.hyperliquid.xyz" } } }</c></summary>
public static class HyperliquidSetup
{
    public const string HttpClientName = "hyperliquid";

    public static IServiceCollection AddHyperliquidVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HyperliquidOptions>().Bind(configuration.GetSection(HyperliquidOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HyperliquidOptions>, HyperliquidOptionsValidator>());
        VenueHttpClients.Add(services, HttpClientName);
        services.TryAddSingleton(sp => new HyperliquidVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<HyperliquidOptions>>(),
            sp.GetRequiredService<IOptions<VenuesOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HyperliquidVenue>>()));
        services.AddSingleton<IVenueOverview>(sp => sp.GetRequiredService<HyperliquidVenue>());
        return services;
    }
}

internal sealed class HyperliquidOptionsValidator : IValidateOptions<HyperliquidOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperliquidOptions options) =>
        RestUrlRule.Check(HyperliquidOptions.SectionName + ":" + nameof(HyperliquidOptions.RestUrl), options?.RestUrl);
}
