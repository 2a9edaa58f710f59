using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of steps, numbered like the SQLite steps (step N here creates what SQLite
/// step N creates) so a new area appends one step to each list. Each step runs in its own transaction that first takes
/// <see cref="MigrationLockKey"/> with <c>pg_advisory_xact_lock</c> and re-reads <c>schema_version</c>: two instances
/// starting together queue on the lock, and the second finds the step done. Never edit a released step: add a new one.
/// Times are Unix milliseconds (<c>bigint</c>) like SQLite; prices, rates and thresholds are <c>numeric</c>.
/// </summary>
internal static partial class PostgresMigrations
{
    /// <summary>The advisory lock key of the migration runner (advisory locks are per database).</summary>
    public const long MigrationLockKey = 0x44657269_76426F74; // "DerivBot"

    private static readonly string[] Steps =
    [
        ChatsSubscriptionsAlerts, // 1 (PostgresMigrations.Chats.cs)
        QuietHoursMutesOutboxHeldAlerts, // 2 (PostgresMigrations.Outbox.cs)
        MarketHistory, // 3 (PostgresMigrations.History.cs)
        OptionsHistory, // 4 (PostgresMigrations.History.cs)
        OutboxHeadsDigestRetries, // 5 (PostgresMigrations.Outbox.cs)
        Quizzes, // 6 (PostgresMigrations.Quizzes.cs)
        Sweeps, // 7 (PostgresMigrations.History.cs)
        OutboxClaimsAndQuartz, // 8 (PostgresMigrations.Coordination.cs)
        SharedCursors, // 9 (PostgresMigrations.Coordination.cs)
    ];

    public static int Latest => Steps.Length;

    /// <summary>
    /// Applies steps up to <paramref name="targetVersion"/> (default: latest), one transaction per step under the
    /// migration lock. Returns (from, to) as seen by this caller: another instance may have applied some of them.
    /// </summary>
    public static async Task<(int From, int To)> ApplyAsync(NpgsqlConnection connection, int? targetVersion, CancellationToken ct)
    {
        var target = targetVersion ?? Latest;
        if (target < 0 || target > Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(targetVersion), $"Schema versions are 0–{Latest}.");
        }
        int? from = null;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
            {
                lockCmd.Parameters.AddWithValue("key", MigrationLockKey);
                await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            // Created under the lock: CREATE TABLE IF NOT EXISTS alone still races on the catalog.
            await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", connection, tx))
            {
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            var current = await CurrentVersionAsync(connection, tx, ct).ConfigureAwait(false);
            from ??= current;
            if (current > Latest)
            {
                throw new InvalidOperationException($"The database is at schema version {current}, newer than this build knows ({Latest}). Upgrade the bot.");
            }
            if (current >= target)
            {
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return (from.Value, Math.Max(from.Value, target));
            }
            var version = current + 1;
            await using (var step = new NpgsqlCommand(Steps[version - 1], connection, tx))
            {
                await step.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using (var mark = new NpgsqlCommand("DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@v);", connection, tx))
            {
                mark.Parameters.AddWithValue("v", version);
                await mark.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT version FROM schema_version LIMIT 1", connection, tx);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is int v ? v : 0;
    }
}
