using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Venues.Bybit;

/// <summary>Registers the Bybit venue. Configuration shape:
/// <c>{ "Venues": { "RequestTimeout": "00:00:05", "Bybit": { "RestUrl": "https://api.bybit.com",
/// "StreamUrl": "wss://stream.bybit.com/v5/public/linear" } } }</c>. Registers <see cref="BybitVenue"/> (singleton), an
/// <see cref="IVenueOverview"/>, and a keyed <see cref="IMarketDataVenue"/> under <see cref="VenueIds.Bybit"/>; it does
/// NOT register the unkeyed <see cref="IMarketDataVenue"/> (primary-venue selection owns that).</summary>
public static class BybitSetup
{
    /// <summary>Name of the HttpClient the venue uses.</summary>
    public const string HttpClientName = "bybit";

    public static IServiceCollection AddBybitVenue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueOptions<BybitOptions, BybitOptionsValidator>(configuration, BybitOptions.SectionName)
            .InheritRequestTimeout(configuration, BybitOptions.SectionName, (o, timeout) => o.RequestTimeout = timeout);
        return services
            .AddVenueSingleton<BybitVenue>(HttpClientName)
            .AddVenueOverview<BybitVenue>()
            .AddKeyedMarketDataVenue<BybitVenue>(VenueIds.Bybit);
    }
}
