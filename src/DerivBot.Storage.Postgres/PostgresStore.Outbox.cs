using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    private enum OutboxStatus { Pending = 0, Sent = 1, Dropped = 2 }

    /// <summary>INSERT … ON CONFLICT DO NOTHING on the idempotency key (SQLite's INSERT OR IGNORE); true when a row was added.</summary>
    private static async Task<bool> InsertOutboxAsync(NpgsqlConnection c, NpgsqlTransaction tx, long chatKey, OutboxDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var message = draft.Message;
        await using var cmd = c.Command(tx, """
            INSERT INTO outbox (chat_key, kind, idempotency_key, report_json, image_name, image_png, image_alt, silent, status, attempts, created_at, next_attempt_at)
            VALUES (@key, @kind, @idem, @report, @imageName, @imagePng, @imageAlt, @silent, 0, 0, @now, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            ("key", chatKey), ("kind", (int)draft.Kind), ("idem", draft.IdempotencyKey), ("report", ReportJson.Serialize(message.Report)),
            ("silent", message.Silent), ("now", PgSql.Ms(now)));
        cmd.Parameters.Add(new NpgsqlParameter("imageName", NpgsqlDbType.Text) { Value = (object?)message.Image?.FileName ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("imagePng", NpgsqlDbType.Bytea) { Value = (object?)message.Image?.Png ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("imageAlt", NpgsqlDbType.Text) { Value = (object?)message.Image?.AltText ?? DBNull.Value });
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var key = await EnsureChatAsync(c, tx, draft.Chat, null, cancellationToken).ConfigureAwait(false);
        var inserted = await InsertOutboxAsync(c, tx, key, draft, now, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private const string ItemColumns = """
        o.id, c.platform, c.chat_id, c.thread_id, c.active, c.inactive_reason, o.kind, o.idempotency_key, o.report_json,
        o.image_name, o.image_png, o.image_alt, o.silent, o.attempts, o.created_at
        """;

    public async Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {ItemColumns}
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND o.next_attempt_at <= @now AND c.platform = @platform
            ORDER BY o.id LIMIT 1
            """, ("now", PgSql.Ms(now)), ("platform", PgSql.Platform(platform)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(r) : null;
    }

    public async Task<IReadOnlyList<OutboxItem>> PeekChatHeadsAsync(ChatPlatform platform, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Only a chat's oldest pending row qualifies, due or not: a later message never overtakes an earlier one
        // that is in flight or waiting for its retry (ix_outbox_chat_pending answers the NOT EXISTS).
        await using var cmd = c.Command(null, $"""
            SELECT {ItemColumns}
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND o.next_attempt_at <= @now AND c.platform = @platform
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            ORDER BY o.id LIMIT @limit
            """, ("now", PgSql.Ms(now)), ("platform", PgSql.Platform(platform)), ("limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<OutboxItem>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ReadItem(r));
        }
        return items;
    }

    private static OutboxItem ReadItem(NpgsqlDataReader r)
    {
        var image = r.IsDBNull(9) ? null : new ChartImage(r.GetString(9), r.GetFieldValue<byte[]>(10), r.IsDBNull(11) ? string.Empty : r.GetString(11));
        var message = new OutboundMessage(ReportJson.Deserialize(r.GetString(8)), image, r.GetBoolean(12));
        return new OutboxItem(r.GetInt64(0), PgSql.Address(r.GetString(1), r.GetString(2), r.GetString(3)), r.GetBoolean(4),
            r.IsDBNull(5) ? null : r.GetString(5), (OutboxKind)r.GetInt32(6), r.GetString(7), message, r.GetInt32(13), PgSql.Time(r.GetInt64(14)));
    }

    public async Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One round trip for the whole batch, in one transaction (a batch is implicitly transactional).
        await using var batch = new NpgsqlBatch(c);
        foreach (var done in completions)
        {
            var command = new NpgsqlBatchCommand(done.Outcome == OutboxOutcome.Retry
                ? "UPDATE outbox SET next_attempt_at = @at, status_reason = @reason, attempts = attempts + 1 WHERE id = @id"
                : "UPDATE outbox SET status = @status, status_reason = @reason, finished_at = @at, attempts = attempts + 1 WHERE id = @id");
            if (done.Outcome != OutboxOutcome.Retry)
            {
                command.Parameters.Add(new NpgsqlParameter<int>("status", (int)(done.Outcome == OutboxOutcome.Sent ? OutboxStatus.Sent : OutboxStatus.Dropped)));
            }
            command.Parameters.Add(new NpgsqlParameter<long>("at", PgSql.Ms(done.At)));
            command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)done.Reason ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<long>("id", done.Id));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await c.ScalarAsync(null, "SELECT MIN(o.next_attempt_at) FROM outbox o JOIN chats c ON c.id = o.chat_key WHERE o.status = 0 AND c.platform = @platform",
            cancellationToken, ("platform", PgSql.Platform(platform))).ConfigureAwait(false);
        return value is long ms ? PgSql.Time(ms) : null;
    }

    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        FinishAsync(id, OutboxStatus.Sent, null, sentAt, cancellationToken);

    public Task MarkDroppedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        FinishAsync(id, OutboxStatus.Dropped, reason, at, cancellationToken);

    private async Task FinishAsync(long id, OutboxStatus status, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, "UPDATE outbox SET status = @status, status_reason = @reason, finished_at = @at, attempts = attempts + 1 WHERE id = @id",
            ("status", (int)status), ("at", PgSql.Ms(at)), ("id", id));
        cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE outbox SET next_attempt_at = @next, status_reason = @reason, attempts = attempts + 1 WHERE id = @id", cancellationToken,
            ("next", PgSql.Ms(nextAttemptAt)), ("reason", reason), ("id", id)).ConfigureAwait(false);
    }

    public async Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT status, COUNT(*) FROM outbox GROUP BY status");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int pending = 0, sent = 0, dropped = 0;
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var n = (int)r.GetInt64(1);
            switch ((OutboxStatus)r.GetInt32(0))
            {
                case OutboxStatus.Pending: pending = n; break;
                case OutboxStatus.Sent: sent = n; break;
                default: dropped = n; break;
            }
        }
        return new OutboxStats(pending, sent, dropped);
    }

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public async Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT idempotency_key, status_reason FROM outbox WHERE status = 2 ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(string, string)>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((r.GetString(0), r.IsDBNull(1) ? string.Empty : r.GetString(1)));
        }
        return list;
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Keys of pruned rows can be enqueued again; by then their fire times are long past, so nothing re-fires them.
        return await c.ExecuteAsync(null, "DELETE FROM outbox WHERE status <> 0 AND finished_at < @before", cancellationToken, ("before", PgSql.Ms(before))).ConfigureAwait(false);
    }
}
