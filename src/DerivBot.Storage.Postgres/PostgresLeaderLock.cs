using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DerivBot.Application.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>Settings of <see cref="PostgresLeaderLock"/>. Section: <c>Storage</c>.</summary>
public sealed class PostgresLeaderLockOptions
{
    /// <summary>
    /// <c>Storage:LeaderLockCheckInterval</c>: how often a held lock (e.g. the Telegram poller's) is verified on its
    /// connection; a failed or unanswered check (the database went away, the session was terminated) counts as lost
    /// and the holder stops. Default 5 s; 1 s – 1 min.
    /// </summary>
    public TimeSpan LeaderLockCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// <see cref="ILeaderLock"/> on a PostgreSQL session-level advisory lock (<c>pg_try_advisory_lock</c>), so every
/// instance on the database competes for the same names. Each lease holds a dedicated, unpooled connection open for as
/// long as it is held: the lock belongs to that session, so when the holder dies (even SIGKILL) the server ends the
/// session and releases the lock without it; server-side TCP keepalives (set on the session) bound how long a holder
/// that vanished from the network keeps it. The lease verifies every <see cref="PostgresLeaderLockOptions.LeaderLockCheckInterval"/>
/// that its session still holds the lock (<c>pg_locks</c>); a failed check or a dead connection cancels
/// <see cref="ILeaderLease.Lost"/>. The key is the first 8 bytes of SHA-256("derivbot-leader:" + name), apart from the
/// migration runner's key.
/// </summary>
public sealed class PostgresLeaderLock : ILeaderLock, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresLeaderLock> _logger;
    private readonly TimeSpan _checkInterval;

    public PostgresLeaderLock(IOptions<PostgresStorageOptions> storage, IOptions<PostgresLeaderLockOptions> options, TimeProvider time, ILogger<PostgresLeaderLock> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _checkInterval = options.Value.LeaderLockCheckInterval;
        var builder = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString)
        {
            // Unpooled: closing the connection must end the session (and so release the lock), and a broken
            // connection must never be handed to the next acquire.
            Pooling = false,
            ApplicationName = "derivbot-leader-lock",
            // The check must not wait longer than its own interval for an answer.
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(_checkInterval.TotalSeconds)),
            KeepAlive = 10,
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _time = time;
        _logger = logger;
    }

    /// <summary>The advisory lock key of <paramref name="name"/>.</summary>
    public static long KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("derivbot-leader:" + name)));
    }

    public async Task<ILeaderLease?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = KeyOf(name);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A holder that vanished without closing its socket (power loss, partition) keeps the session until the
            // server notices: ask the server to probe after 10 s idle, every 5 s, 3 times. Ignored on Unix sockets.
            await using (var keepalive = new NpgsqlCommand("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection))
            {
                await keepalive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key), pg_backend_pid()", connection);
            cmd.Parameters.AddWithValue("key", key);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var acquired = reader.GetBoolean(0);
            var pid = reader.GetInt32(1);
            await reader.DisposeAsync().ConfigureAwait(false);
            if (!acquired)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            return new Lease(this, name, key, pid, connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class Lease : ILeaderLease
    {
        private readonly PostgresLeaderLock _owner;
        private readonly long _key;
        private readonly NpgsqlConnection _connection;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _checks;
        private int _disposed;

        public Lease(PostgresLeaderLock owner, string name, long key, int backendPid, NpgsqlConnection connection)
        {
            _owner = owner;
            Name = name;
            _key = key;
            BackendPid = backendPid;
            _connection = connection;
            _checks = CheckLoopAsync();
        }

        public string Name { get; }

        /// <summary>The server process of the session holding the lock (tests terminate it to simulate a dead holder).</summary>
        public int BackendPid { get; }

        public CancellationToken Lost => _lost.Token;

        private async Task CheckLoopAsync()
        {
            await Task.Yield();
            try
            {
                while (true)
                {
                    await Task.Delay(_owner._checkInterval, _owner._time, _stop.Token).ConfigureAwait(false);
                    if (!await StillHeldAsync(_stop.Token).ConfigureAwait(false))
                    {
                        _owner._logger.LogWarning("Leader lock {Name}: the session no longer holds it", Name);
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return; // released
            }
            catch (Exception ex)
            {
                _owner._logger.LogWarning(ex, "Leader lock {Name}: its connection failed; the lock counts as lost", Name);
            }
            await _lost.CancelAsync().ConfigureAwait(false);
        }

        private async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
        {
            // Advisory locks on one bigint key show as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
            await using var cmd = new NpgsqlCommand("""
                SELECT EXISTS (SELECT 1 FROM pg_locks
                               WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                                 AND classid::bigint = @hi AND objid::bigint = @lo AND objsubid = 1)
                """, _connection);
            cmd.Parameters.AddWithValue("hi", (long)(uint)(_key >> 32));
            cmd.Parameters.AddWithValue("lo", (long)(uint)_key);
            return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            await _stop.CancelAsync().ConfigureAwait(false);
            await _checks.ConfigureAwait(false);
            await _lost.CancelAsync().ConfigureAwait(false);
            // Unlock explicitly while the session is alive: the server ends a closed session's backend asynchronously,
            // so after a bare close the lock can outlive us by a moment and a stand-by's try right after would fail
            // (seen in CI). Closing the unpooled connection then ends the session, which releases the lock anyway when
            // the unlock could not be sent (connection already dead).
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                    unlock.Parameters.AddWithValue("key", _key);
                    await unlock.ExecuteScalarAsync(quick.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException or System.IO.IOException)
                {
                    _owner._logger.LogDebug(ex, "Leader lock {Name}: unlock failed; closing the session releases it", Name);
                }
            }
            await _connection.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
