using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Storage;

/// <summary>
/// Opens connections to the SQLite file with the settings every connection needs (busy timeout, foreign keys) and
/// applies the schema migrations once, before the first connection is handed out. The file runs in WAL mode so
/// readers never block the writer; writes use BEGIN IMMEDIATE transactions so concurrent writers queue on the busy
/// timeout instead of failing on a lock upgrade.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private readonly string? _deleteOnDispose;
    private volatile bool _migrated;

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.Value.BusyTimeout.TotalSeconds),
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        _connectionString = builder.ToString();
        _deleteOnDispose = options.Value.DeleteOnExit && builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:"
            ? Path.GetFullPath(builder.DataSource)
            : null;
        _busyTimeoutMs = (int)options.Value.BusyTimeout.TotalMilliseconds;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Convenience for tests and tools: a database at <paramref name="path"/>.</summary>
    public static SqliteDatabase ForFile(string path) =>
        new(Options.Create(new StorageOptions { ConnectionString = "Data Source=" + path }));

    /// <summary>An open connection on a migrated database.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = " + _busyTimeoutMs.ToString(CultureInfo.InvariantCulture) + "; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A fresh, unpooled connection that never creates the file (readiness probe): a pooled connection keeps working on
    /// a file that was deleted or replaced, and the default open mode would quietly create an empty database.
    /// </summary>
    internal async Task<SqliteConnection> OpenProbeAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false };
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        _migrateGate.Dispose();
        if (_deleteOnDispose is not { } path)
        {
            return;
        }
        // Disposed with the host, when no job or drainer holds a connection any more: close the pooled ones, then delete.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still held by a connection that outlived the host: the OS temp cleaner takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// The SQLite file belongs to one process at a time (several instances need PostgreSQL), so outbox claims found when
    /// this process first opens it were left by a process that is gone: released at once instead of after their lease.
    /// The drainer never sends a message it already has in flight twice, so a second process opening the file (the
    /// <c>ask</c> verb) costs nothing.
    /// </summary>
    private static async Task ReleaseStaleClaimsAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var release = connection.CreateCommand();
        release.CommandText = "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL AND status = 0";
        await release.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Applies pending migrations (idempotent, safe to call from several places).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken, int? targetVersion = null)
    {
        await _migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated && targetVersion is null)
            {
                return;
            }
            await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            var (from, to) = Migrations.Apply(connection, targetVersion);
            if (to != from)
            {
                _logger.LogInformation("Database schema migrated from version {From} to {To}", from, to);
            }
            if (!_migrated && to >= Migrations.Latest)
            {
                await ReleaseStaleClaimsAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            _migrated = targetVersion is null || targetVersion >= Migrations.Latest;
        }
        finally
        {
            _migrateGate.Release();
        }
    }
}
