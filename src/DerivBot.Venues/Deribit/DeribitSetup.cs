using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DerivBot.Venues.Deribit;

/// <summary>Registers the live Deribit options venue. Configuration shape:
/// <c>{ "Venues": { "Deribit": { "RestUrl": "https://www.deribit.com/api/v2", "RequestTimeout": "00:00:10", "RequestsPerSecond": 5 } } }</c></summary>
public static class DeribitSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "deribit";

    public static IServiceCollection AddDeribitVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<DeribitOptions, DeribitOptionsValidator>(configuration, DeribitOptions.SectionName);
        services.AddVenueSingleton<DeribitOptionsVenue>(HttpClientName);
        services.TryAddSingleton<IOptionsVenue>(sp => sp.GetRequiredService<DeribitOptionsVenue>());
        return services;
    }
}
