using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Storage;

/// <summary>Registers the SQLite store. Section: Storage.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
