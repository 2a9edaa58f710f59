using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Replay;

/// <summary>Registration of the replay venue (and, for the demo, the accelerated replay clock).</summary>
public static class ReplaySetup
{
    /// <summary>
    /// Registers <see cref="ReplayVenue"/> as the <see cref="IMarketDataVenue"/> and <see cref="IMarketStream"/>, one
    /// <see cref="ReplayVenueOverview"/> per scenario venue as <see cref="IVenueOverview"/> (Binance, Bybit, OKX,
    /// Hyperliquid, Gate), with
    /// <see cref="ReplayOptions"/> from <c>Venues:Replay</c>. Uses the <see cref="TimeProvider"/> in DI (system clock if none).
    /// </summary>
    public static IServiceCollection AddReplayVenue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ReplayOptions>(configuration, ReplayOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Start is null || (o.Start >= ReplayScenario.Default.Start && o.Start <= ReplayScenario.Default.End),
                $"Venues:Replay:Start must lie within the scenario ({ReplayScenario.Default.Start:O} .. {ReplayScenario.Default.End:O}).");
        services.TryAddSystemClock();
        services.TryAddSingleton<ReplayVenue>();
        services.AddSingleton<IMarketDataVenue>(sp => sp.GetRequiredService<ReplayVenue>());
        services.AddSingleton<IMarketStream>(sp => sp.GetRequiredService<ReplayVenue>());
        // The cross-venue view: Binance and the venues derived from it for the same days, on the same clock.
        foreach (var venue in ReplayVenueOverview.Venues)
        {
            services.AddSingleton<IVenueOverview>(sp => new ReplayVenueOverview(venue, sp.GetRequiredService<TimeProvider>()));
        }
        // Deribit option chains of the scenario (issue #12).
        services.TryAddSingleton<ReplayOptionsVenue>();
        services.TryAddSingleton<IOptionsVenue>(sp => sp.GetRequiredService<ReplayOptionsVenue>());
        return services;
    }

    /// <summary>
    /// Replaces the app's <see cref="TimeProvider"/> with an <see cref="AcceleratedTimeProvider"/> starting at
    /// <c>Venues:Replay:Start</c> (default: the scenario's suggested start) running at <c>Venues:Replay:Speed</c>, so the
    /// whole worker, Quartz included, lives in replay time.
    /// </summary>
    public static IServiceCollection AddReplayClock(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(sp => CreateClock(sp.GetRequiredService<IOptions<ReplayOptions>>().Value));
        return services;
    }

    /// <summary>The replay clock for <paramref name="options"/> over the real system clock.</summary>
    public static AcceleratedTimeProvider CreateClock(ReplayOptions options, TimeProvider? real = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Parse the shipped data before the clock starts: loading takes a second or more, which at thousands× speed
        // would otherwise skip hours of the scenario (the cascade, with the default start) before the venue is ready.
        _ = ReplayData.Default;
        ReplayOverviewData.Preload();
        var scenario = ReplayScenario.Default;
        return new AcceleratedTimeProvider(scenario.Clamp(options.Start ?? scenario.SuggestedStart), options.Speed, real);
    }
}
