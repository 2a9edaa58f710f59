using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Diagnostics;

/// <summary>Registers the readiness checks and <c>/health</c>. Section: Health.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Readiness = the store answers (<see cref="IStoreProbe"/>, from the storage area), market data is fresh
    /// (<see cref="Market.MarketStore"/>), and every ENABLED chat platform (each <see cref="IChatPlatformStatus"/> whose
    /// <see cref="IChatPlatformStatus.Enabled"/> is true when the checks are first built) is connected or standing by.
    /// All checks carry <see cref="ReadinessChecks.ReadyTag"/>.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(ReadinessChecks.Store, tags: [ReadinessChecks.ReadyTag])
            .AddCheck<MarketDataHealthCheck>(ReadinessChecks.Market, tags: [ReadinessChecks.ReadyTag]);
        // Platforms register their status objects in their own Add… call; which of them run is known only from the
        // built container (a token may come from a secret file), so their checks are added when the options are built.
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => new ConfigureOptions<HealthCheckServiceOptions>(o =>
        {
            foreach (var status in sp.GetServices<IChatPlatformStatus>().Where(s => s.Enabled))
            {
                var name = status.Platform.ToString().ToLowerInvariant();
                o.Registrations.Add(new HealthCheckRegistration(name, p => new ChatPlatformHealthCheck(status, p.GetRequiredService<TimeProvider>()),
                    HealthStatus.Unhealthy, [ReadinessChecks.ReadyTag]));
            }
        }));
        services.AddSingleton<ICommandHandler, HealthCommand>();
        return services;
    }
}
