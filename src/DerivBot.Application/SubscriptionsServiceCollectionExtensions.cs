using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Hosting;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application;

/// <summary>Registers subscriptions, alerts and the outbox. Sections: Jobs, Limits, Outbox.</summary>
public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Command handlers (/subscribe, /alert, /mute, /quiet, /lang, /tz …), the digest service, the alert engine, the
    /// refresh cycle and the outbox drainer. Needs the storage ports (AddStorage), <see cref="IMarketData"/>,
    /// <see cref="ICommandDispatcher"/> and, to deliver, one <see cref="IChatSender"/> per platform (found by
    /// <see cref="IChatSender.Platform"/>). Optional seams for the host: <see cref="IMarketRefresher"/> (per venue),
    /// <see cref="IQuadrantClassifier"/>, <see cref="IScheduleNotifier"/> (AddJobs replaces the no-op one).
    /// </summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(configuration, JobsOptions.Section);
        services.AddValidatedOptions<LimitsOptions, LimitsOptionsValidator>(configuration, LimitsOptions.Section);
        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(configuration, OutboxOptions.Section);
        services.TryAddSystemClock();
        services.TryAddSingleton<Core.Localization.ILocalizer, Localization.ResxLocalizer>();

        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<InstanceIdentity>();
        services.TryAddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.TryAddSingleton<IScheduleNotifier, NoScheduler>();
        services.TryAddSingleton<AlertEngine>();
        services.TryAddSingleton<IDigestRenderer, DigestRenderer>();
        services.TryAddSingleton<DigestService>();
        services.TryAddSingleton<MarketRefreshService>();
        // Seams to the market store and the signal engine, unless the host (or a test) supplied its own.
        services.TryAddSingleton<IMarketRefresher, MarketStoreRefresher>();
        // The cross-venue view refreshes the watched coins after the market store (registered after it on purpose).
        services.AddVenueRefresher(configuration);
        // Options history for watched coins (issue #12): a second refresher beside the market store's.
        services.TryAddSingleton<OptionChains.OptionsMarket>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMarketRefresher, OptionChains.OptionsRefresher>());
        services.TryAddSingleton<IQuadrantClassifier, SignalQuadrantClassifier>();
        // Streamed liquidations: totals recorded on the reader thread, evaluation through a bounded channel and one consumer.
        services.TryAddSingleton<LiquidationAlertQueue>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Market.ILiquidationListener, LiquidationAlertQueue>(sp => sp.GetRequiredService<LiquidationAlertQueue>()));
        services.AddHostedService(sp => sp.GetRequiredService<LiquidationAlertQueue>());
        services.AddSingleton<ICommandHandler, SubscriptionCommandHandler>();
        services.AddSingleton<ICommandHandler, AlertCommandHandler>();
        services.AddHostedService<OutboxDrainer>();
        return services;
    }

    /// <summary>Used when no scheduler is registered (one-shot verbs): changes are stored and picked up at the next start.</summary>
    private sealed class NoScheduler : IScheduleNotifier
    {
        public Task SchedulesChangedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
