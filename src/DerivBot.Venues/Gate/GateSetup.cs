using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Gate;

/// <summary>Registers Gate USDT futures (overview only; it cannot be a primary). <c>{ "Venues": { "Gate": { "RestUrl": "https://api.gateio.ws/api/v4" } } }</c></summary>
public static class GateSetup
{
    public const string HttpClientName = "gate";

    public static IServiceCollection AddGateVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GateOptions>().Bind(configuration.GetSection(GateOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GateOptions>, GateOptionsValidator>());
        VenueHttpClients.Add(services, HttpClientName);
        services.TryAddSingleton(sp => new GateVenue(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<GateOptions>>(),
            sp.GetRequiredService<IOptions<VenuesOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GateVenue>>()));
        services.AddSingleton<IVenueOverview>(sp => sp.GetRequiredService<GateVenue>());
        return services;
    }
}

internal sealed class GateOptionsValidator : IValidateOptions<GateOptions>
{
    public ValidateOptionsResult Validate(string? name, GateOptions options) =>
        RestUrlRule.Check(GateOptions.SectionName + ":" + nameof(GateOptions.RestUrl), options?.RestUrl);
}
