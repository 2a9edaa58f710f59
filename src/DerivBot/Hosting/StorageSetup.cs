using DerivBot.Storage;
using DerivBot.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Hosting;

/// <summary>Where the bot keeps its state (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file (one instance).</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database (several instances).</summary>
    Postgres,
}

/// <summary>The storage provider choice. Section: <c>Storage</c>.</summary>
public sealed class StorageProviderOptions
{
    public const string Key = "Storage:Provider";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default, embedded) or <c>Postgres</c> (several instances on one database).</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The provider named in <paramref name="configuration"/>; null when the value is not one of the providers.</summary>
    public static StorageProvider? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return StorageProvider.Sqlite;
        }
        return Enum.TryParse<StorageProvider>(text.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider : null;
    }
}

public static class StorageSetup
{
    /// <summary>
    /// The store named by <c>Storage:Provider</c>: <c>Sqlite</c> (default) or <c>Postgres</c>, both with
    /// <c>Storage:ConnectionString</c>. An unknown provider fails validation at start naming the key (the SQLite
    /// store is registered meanwhile so the container still builds and the error is the one reported).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageProviderOptions>()
            .Bind(configuration.GetSection("Storage"))
            .Validate(o => StorageProviderOptions.Read(configuration) is not null,
                $"{StorageProviderOptions.Key} must be Sqlite or Postgres (got \"{configuration[StorageProviderOptions.Key]}\").")
            .ValidateOnStart();
        return StorageProviderOptions.Read(configuration) == StorageProvider.Postgres
            ? services.AddPostgresStorage(configuration)
            : services.AddSqliteStorage(configuration);
    }
}
