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
