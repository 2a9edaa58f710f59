using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Gate;

/// <summary>Registers Gate USDT futures (overview only; it cannot be a primary). <c>{ "Venues": { "Gate": { "RestUrl": "https://api.gateio.ws/api/v4" } } }</c></summary>
public static class GateSetup
{
    public const string HttpClientName = "gate";

    public static IServiceCollection AddGateVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<GateOptions, GateOptionsValidator>(configuration, GateOptions.SectionName);
        return services
            .AddVenueSingleton<GateVenue>(HttpClientName)
            .AddVenueOverview<GateVenue>();
    }
}

internal sealed class GateOptionsValidator : IValidateOptions<GateOptions>
{
    public ValidateOptionsResult Validate(string? name, GateOptions options) =>
        RestUrlRule.Check(GateOptions.SectionName + ":" + nameof(GateOptions.RestUrl), options?.RestUrl);
}
