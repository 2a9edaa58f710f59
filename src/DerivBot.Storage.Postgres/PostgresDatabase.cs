using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// The shared PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> per process and the schema migrations,
/// applied once before the first connection is handed out. Several instances may migrate at the same time: each step
/// runs under a transaction-scoped advisory lock (see <see cref="PostgresMigrations"/>), so one applies it and the
/// others find it done.
/// </summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(IOptions<PostgresStorageOptions> options, ILogger<PostgresDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.Value.ConnectionString);
        DataSource = builder.Build();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Convenience for tests and tools: a database at <paramref name="connectionString"/>.</summary>
    public static PostgresDatabase ForConnectionString(string connectionString) =>
        new(Options.Create(new PostgresStorageOptions { ConnectionString = connectionString }));

    /// <summary>The latest schema version this build knows.</summary>
    public static int LatestVersion => PostgresMigrations.Latest;

    /// <summary>
    /// The pooled data source (for components that need a connection of their own, e.g. a session-level advisory
    /// lock). Prefer <see cref="OpenAsync"/>, which also makes sure the schema is migrated.
    /// </summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>An open connection on a migrated database.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An open connection without migrating first (migration tests).</summary>
    internal async Task<NpgsqlConnection> OpenRawAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Applies pending migrations (idempotent, safe to call from several places and several instances).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken, int? targetVersion = null)
    {
        await _migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated && targetVersion is null)
            {
                return;
            }
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (from, to) = await PostgresMigrations.ApplyAsync(connection, targetVersion, cancellationToken).ConfigureAwait(false);
            if (to != from)
            {
                _logger.LogInformation("Database schema at version {To} (was {From} when this instance started migrating)", to, from);
            }
            _migrated = targetVersion is null || targetVersion >= PostgresMigrations.Latest;
        }
        finally
        {
            _migrateGate.Release();
        }
    }

    /// <summary>The schema version the database is at (0 when never migrated).</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            return 0;
        }
        return await PostgresMigrations.CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        DataSource.Dispose();
        _migrateGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        _migrateGate.Dispose();
    }
}
