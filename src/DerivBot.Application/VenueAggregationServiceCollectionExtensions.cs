using DerivBot.Application.Subscriptions;
using DerivBot.Application.Venues;
using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application;

/// <summary>Registers the cross-venue aggregation. Reads <c>Venues:RequestTimeout</c>.</summary>
public static class VenueAggregationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="VenueAggregator"/> over every <see cref="IVenueOverview"/> in DI (each venue registers its own; none
    /// registered means the cross-venue view is simply off) and validated <see cref="VenueAggregationOptions"/>.
    /// Idempotent: AddCommands (for <c>/venues</c>) and AddSubscriptions (for the refresh cycle) both call it.
    /// </summary>
    public static IServiceCollection AddVenueAggregation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(VenueAggregator)))
        {
            return services;
        }
        services.AddValidatedOptions<VenueAggregationOptions, VenueAggregationOptionsValidator>(configuration, VenueAggregationOptions.Section);
        services.TryAddSystemClock();
        services.TryAddSingleton<VenueAggregator>();
        return services;
    }

    /// <summary>The refresh cycle's hook (one more <see cref="IMarketRefresher"/>, after the market store's).</summary>
    internal static IServiceCollection AddVenueRefresher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVenueAggregation(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMarketRefresher, VenueOverviewRefresher>());
        return services;
    }
}
