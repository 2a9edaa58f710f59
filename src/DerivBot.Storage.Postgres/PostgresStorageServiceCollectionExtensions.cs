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
        // Several instances on one database: the Telegram poller (and anything else run by one instance) is chosen
        // by a session-level advisory lock. Registered before the platforms, which only add an in-process fallback.
        services.AddOptions<PostgresLeaderLockOptions>()
            .Bind(configuration.GetSection(PostgresStorageOptions.Section))
            .Validate(o => o.LeaderLockCheckInterval >= TimeSpan.FromSeconds(1) && o.LeaderLockCheckInterval <= TimeSpan.FromMinutes(1),
                "Storage:LeaderLockCheckInterval must be between 00:00:01 and 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<Application.Coordination.ILeaderLock, PostgresLeaderLock>();
        RegisterPorts(services);
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    /// <summary>Every storage port the store implements, resolved to the one <see cref="PostgresStore"/>.</summary>
    private static void RegisterPorts(IServiceCollection services)
    {
        foreach (var port in typeof(PostgresStore).GetInterfaces())
        {
            if (port.Namespace?.StartsWith("DerivBot.", StringComparison.Ordinal) == true)
            {
                services.AddSingleton(port, sp => sp.GetRequiredService<PostgresStore>());
            }
        }
    }

    /// <summary>Applies migrations when the host starts, before the jobs and the drainer touch the database.</summary>
    private sealed class MigrationHostedService(PostgresDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
