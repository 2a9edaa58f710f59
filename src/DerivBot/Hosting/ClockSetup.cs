using DerivBot.Core.Hosting;
using DerivBot.Venues;
using DerivBot.Venues.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Hosting;

public static class ClockSetup
{
    /// <summary>
    /// The one clock every component reads. Live: the system clock. Replay: the scenario's clock — for <c>demo</c>
    /// an accelerated one starting before the cascade (<c>Venues:Replay:Start</c>/<c>Speed</c>) so Quartz and the
    /// stream replay days in seconds; for <c>ask --replay</c> real-time speed from the moment after the cascade
    /// (or <c>Venues:Replay:Start</c>), so answers show the flush with the whole build-up behind it.
    /// </summary>
    public static IServiceCollection AddClock(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (VenuesServiceCollectionExtensions.ModeOf(configuration) != VenueMode.Replay)
        {
            services.TryAddSystemClock();
            return services;
        }

        var demo = string.Equals(configuration["Demo:Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(new HoldableTimeProvider());
        services.AddSingleton<TimeProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReplayOptions>>().Value;
            if (demo)
            {
                return ReplaySetup.CreateClock(options, sp.GetRequiredService<HoldableTimeProvider>());
            }
            var scenario = ReplayScenario.Default;
            return new AcceleratedTimeProvider(scenario.Clamp(options.Start ?? scenario.CascadeEnd + TimeSpan.FromHours(2)), 1.0);
        });
        return services;
    }
}
