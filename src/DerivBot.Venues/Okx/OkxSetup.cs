using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Venues.Okx;

/// <summary>Registers the OKX venue. Configuration shape:
/// <c>{ "Venues": { "RequestTimeout": "00:00:05", "Okx": { "RestUrl": "https://www.okx.com",
/// "StreamUrl": "wss://ws.okx.com:8443/ws/v5/public" } } }</c>. Registers <see cref="OkxVenue"/> (singleton), an
/// <see cref="IVenueOverview"/>, and a keyed <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Okx"/>; it does
/// NOT register the unkeyed <see cref="IMarketDataVenue"/> (primary-venue selection owns that).</summary>
public static class OkxSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "okx";

    public static IServiceCollection AddOkxVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<OkxOptions, OkxOptionsValidator>(configuration, OkxOptions.SectionName)
            .InheritRequestTimeout(configuration, OkxOptions.SectionName, (o, timeout) => o.RequestTimeout = timeout);
        return services
            .AddVenueSingleton<OkxVenue>(HttpClientName)
            .AddVenueOverview<OkxVenue>()
            .AddKeyedMarketDataVenue<OkxVenue>(VenueIds.Okx);
    }
}
