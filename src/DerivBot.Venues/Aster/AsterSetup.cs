using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Aster;

/// <summary>
/// Registers Aster: the concrete <see cref="AsterVenue"/>, an <see cref="IVenueOverview"/>, and a keyed
/// <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Aster"/> (it can be a primary).
/// <c>{ "Venues": { "Aster": { "RestUrl": "https://fapi.asterdex.com" } } }</c>
/// </summary>
public static class AsterSetup
{
    public const string HttpClientName = "aster";

    public static IServiceCollection AddAsterVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<AsterOptions, AsterOptionsValidator>(configuration, AsterOptions.SectionName);
        return services
            .AddVenueSingleton<AsterVenue>(HttpClientName)
            .AddVenueOverview<AsterVenue>()
            .AddKeyedMarketDataVenue<AsterVenue>(VenueIds.Aster);
    }
}

internal sealed class AsterOptionsValidator : IValidateOptions<AsterOptions>
{
    public ValidateOptionsResult Validate(string? name, AsterOptions options) =>
        RestUrlRule.Check(AsterOptions.SectionName + ":" + nameof(AsterOptions.RestUrl), options?.RestUrl);
}
