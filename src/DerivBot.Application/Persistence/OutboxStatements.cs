using System.Data.Common;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>
/// The outbox reads, summaries and updates both databases run alike. Inserts (INSERT OR IGNORE vs ON CONFLICT), claims
/// (a write transaction vs FOR UPDATE SKIP LOCKED) and the next-attempt query (MAX vs GREATEST) stay in each store.
/// </summary>
public static class OutboxStatements
{
    /// <summary>The oldest due message of a platform, claimed or not (the single drainer's read).</summary>
    public static Task<OutboxItem?> PeekNextAsync(DbConnection c, ChatPlatform platform, DateTimeOffset now, CancellationToken ct) =>
        c.QueryFirstAsync(null, $"""
            SELECT {OutboxRows.Columns}
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND o.next_attempt_at <= @now AND c.platform = @platform
            ORDER BY o.id LIMIT 1
            """, OutboxRows.Read, ct, ("now", DbValues.Ms(now)), ("platform", DbValues.Platform(platform)));

    public static Task<int> RescheduleAsync(DbConnection c, long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken ct) =>
        c.ExecuteAsync(null, "UPDATE outbox SET next_attempt_at = @next, status_reason = @reason, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id", ct,
            ("next", DbValues.Ms(nextAttemptAt)), ("reason", reason), ("id", id));

    /// <summary>
    /// Deletes finished messages (sent or dropped) before the cut-off. Keys of pruned rows can be enqueued again; by then
    /// their fire times are long past, so nothing re-fires them.
    /// </summary>
    public static Task<int> PruneAsync(DbConnection c, DateTimeOffset before, CancellationToken ct) =>
        c.ExecuteAsync(null, "DELETE FROM outbox WHERE status <> 0 AND finished_at < @before", ct, ("before", DbValues.Ms(before)));

    /// <summary>The counts per status, from <c>SELECT status, COUNT(*) FROM outbox GROUP BY status</c>.</summary>
    public static async Task<OutboxStats> GetStatsAsync(DbConnection connection, CancellationToken ct)
    {
        var rows = await connection.QueryAsync(null, "SELECT status, COUNT(*) FROM outbox GROUP BY status",
            r => ((OutboxRowStatus)r.GetInt32(0), r.Count(1)), ct).ConfigureAwait(false);
        int pending = 0, sent = 0, dropped = 0;
        foreach (var (status, n) in rows)
        {
            switch (status)
            {
                case OutboxRowStatus.Pending: pending = n; break;
                case OutboxRowStatus.Sent: sent = n; break;
                default: dropped = n; break;
            }
        }
        return new OutboxStats(pending, sent, dropped);
    }

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public static async Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(DbConnection connection, CancellationToken ct) =>
        await connection.QueryAsync(null, "SELECT idempotency_key, status_reason FROM outbox WHERE status = 2 ORDER BY id",
            r => (r.GetString(0), r.StringOrNull(1) ?? string.Empty), ct).ConfigureAwait(false);

    /// <summary>The store probe's view: pending messages and the oldest one's creation time.</summary>
    public static async Task<(int Pending, DateTimeOffset? Oldest)> GetPendingSummaryAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.Command(null, "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 0");
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return (r.Count(0), r.TimeOrNull(1));
    }
}
