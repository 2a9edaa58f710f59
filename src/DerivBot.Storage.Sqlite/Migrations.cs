using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

/// <summary>
/// The schema as an ordered list of steps; step N takes the database from version N − 1 to N. Each step runs in its own
/// transaction together with the <c>schema_version</c> update, so a crash mid-migration leaves the previous version.
/// Never edit a released step: add a new one.
/// </summary>
internal static partial class Migrations
{
    private static readonly string[] Steps =
    [
        ChatsSubscriptionsAlerts, // 1 (Migrations.Chats.cs)
        QuietHoursMutesOutboxHeldAlerts, // 2 (Migrations.Outbox.cs)
        MarketHistory, // 3 (Migrations.History.cs)
        OptionsHistory, // 4 (Migrations.History.cs)
        OutboxHeadsDigestRetries, // 5 (Migrations.Outbox.cs)
        Quizzes, // 6 (Migrations.Quizzes.cs)
        Sweeps, // 7 (Migrations.History.cs)
        OutboxClaims, // 8 (Migrations.Outbox.cs)
        SharedCursors, // 9 (Migrations.Coordination.cs)
    ];

    public static int Latest => Steps.Length;

    /// <summary>Applies steps up to <paramref name="targetVersion"/> (default: latest). Returns (from, to).</summary>
    public static (int From, int To) Apply(SqliteConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? Latest;
        if (target < 0 || target > Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(targetVersion), $"Schema versions are 0–{Latest}.");
        }
        using (var wal = connection.CreateCommand())
        {
            // WAL is a property of the file: set once, it persists.
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL); ";
            wal.ExecuteNonQuery();
        }
        var from = CurrentVersion(connection);
        if (from > Latest)
        {
            throw new InvalidOperationException($"The database is at schema version {from}, newer than this build knows ({Latest}). Upgrade the bot.");
        }
        for (var version = from + 1; version <= target; version++)
        {
            using var tx = connection.BeginTransaction();
            // Re-read under the write lock (BEGIN IMMEDIATE): another process opening the same file at the same
            // moment may have applied this step already.
            if (CurrentVersion(connection, tx) >= version)
            {
                continue;
            }
            using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = Steps[version - 1];
                step.ExecuteNonQuery();
            }
            using (var mark = connection.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($v);";
                mark.Parameters.AddWithValue("$v", version);
                mark.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return (from, Math.Max(from, target));
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT version FROM schema_version LIMIT 1";
        return cmd.ExecuteScalar() is long v ? (int)v : 0;
    }
}
