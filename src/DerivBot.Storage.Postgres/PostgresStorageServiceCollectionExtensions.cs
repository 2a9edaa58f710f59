using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Storage.Postgres;

/// <summary>Registers the PostgreSQL store (<c>Storage:Provider</c> = <c>Postgres</c>). Section: Storage.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PostgresStorageOptions>()
            .Bind(configuration.GetSection(PostgresStorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<PostgresStore>();
        services.AddSingleton<IChatRegistry>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<IMarketHistoryStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<IOptionsHistoryStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<IQuizStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<ISweepStore>(sp => sp.GetRequiredService<PostgresStore>());
        // Several instances on one database: the Telegram poller (and anything else run by one instance) is chosen
        // by a session-level advisory lock. Registered before the platforms, which only add an in-process fallback.
        services.AddOptions<PostgresLeaderLockOptions>()
            .Bind(configuration.GetSection(PostgresStorageOptions.Section))
            .Validate(o => o.LeaderLockCheckInterval >= TimeSpan.FromSeconds(1) && o.LeaderLockCheckInterval <= TimeSpan.FromMinutes(1),
                "Storage:LeaderLockCheckInterval must be between 00:00:01 and 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<Application.Coordination.ILeaderLock, PostgresLeaderLock>();
        services.AddSingleton<Application.Diagnostics.IStoreProbe>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddSingleton<Application.Coordination.ISharedCursorStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    /// <summary>Applies migrations when the host starts, before the jobs and the drainer touch the database.</summary>
    private sealed class MigrationHostedService(PostgresDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
