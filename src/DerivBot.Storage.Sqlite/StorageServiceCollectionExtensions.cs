using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Hosting;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Storage;

/// <summary>Registers the SQLite store. Section: Storage.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section).ValidateDataAnnotations();
        services.TryAddSystemClock();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteStore>();
        services.AddSingleton<IChatRegistry>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IMarketHistoryStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<Core.Ports.IOptionsHistoryStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<Application.Study.IQuizStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<Application.Study.ISweepStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<Application.Diagnostics.IStoreProbe>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<Application.Coordination.ISharedCursorStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    /// <summary>Applies migrations when the host starts, before the jobs and the drainer touch the database.</summary>
    private sealed class MigrationHostedService(SqliteDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
