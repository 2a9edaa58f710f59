using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    private enum OutboxStatus { Pending = 0, Sent = 1, Dropped = 2 }

    /// <summary>INSERT OR IGNORE on the idempotency key; true when a row was added.</summary>
    private static async Task<bool> InsertOutboxAsync(SqliteConnection c, SqliteTransaction tx, long chatKey, OutboxDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var message = draft.Message;
        var rows = await c.ExecuteAsync(tx, """
            INSERT OR IGNORE INTO outbox (chat_key, kind, idempotency_key, report_json, image_name, image_png, image_alt, silent, status, attempts, created_at, next_attempt_at)
            VALUES ($key, $kind, $idem, $report, $imageName, $imagePng, $imageAlt, $silent, 0, 0, $now, $now)
            """, ct,
            ("$key", chatKey), ("$kind", (int)draft.Kind), ("$idem", draft.IdempotencyKey), ("$report", ReportJson.Serialize(message.Report)),
            ("$imageName", message.Image?.FileName), ("$imagePng", message.Image?.Png), ("$imageAlt", message.Image?.AltText),
            ("$silent", message.Silent ? 1 : 0), ("$now", Sql.Ms(now))).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
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
            WHERE o.status = 0 AND o.next_attempt_at <= $now AND c.platform = $platform
            ORDER BY o.id LIMIT 1
            """, ("$now", Sql.Ms(now)), ("$platform", Sql.Platform(platform)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(r) : null;
    }

    public async Task<IReadOnlyList<OutboxItem>> ClaimChatHeadsAsync(ChatPlatform platform, string claimedBy, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimedBy);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The write transaction (BEGIN IMMEDIATE) makes read-then-claim atomic against every other writer of the file.
        await using var tx = c.BeginTransaction();
        // Only a chat's oldest pending row qualifies, due or not, claimed or not: a later message never overtakes an
        // earlier one that is in flight (claimed, here or elsewhere) or waiting for its retry (ix_outbox_chat_pending
        // answers the NOT EXISTS). An expired claim is fair game.
        var items = new List<OutboxItem>();
        await using (var cmd = c.Command(tx, $"""
            SELECT {ItemColumns}
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND o.next_attempt_at <= $now AND c.platform = $platform
              AND (o.claimed_until IS NULL OR o.claimed_until <= $now)
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            ORDER BY (o.kind = $reply) DESC, o.id LIMIT $limit
            """, ("$now", Sql.Ms(now)), ("$platform", Sql.Platform(platform)), ("$limit", limit), ("$reply", (int)OutboxKind.Reply)))
        {
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ReadItem(r));
            }
        }
        if (items.Count > 0)
        {
            await using var claim = c.Command(tx, "UPDATE outbox SET claimed_by = $by, claimed_until = $until WHERE id = $id",
                ("$by", claimedBy), ("$until", Sql.Ms(now + lease)), ("$id", 0L));
            foreach (var item in items)
            {
                claim.Parameters["$id"].Value = item.Id;
                await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return items;
    }

    public Task ExtendClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateClaimsAsync(ids, claimedBy, "UPDATE outbox SET claimed_until = $until WHERE id = $id AND claimed_by = $by AND status = 0", Sql.Ms(until), cancellationToken);

    public Task ReleaseClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, CancellationToken cancellationToken) =>
        UpdateClaimsAsync(ids, claimedBy, "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = $id AND claimed_by = $by", null, cancellationToken);

    private async Task UpdateClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, string sql, long? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await using var release = c.Command(tx, sql, ("$id", 0L), ("$by", claimedBy));
        if (until is { } u)
        {
            release.Parameters.AddWithValue("$until", u);
        }
        foreach (var id in ids)
        {
            release.Parameters["$id"].Value = id;
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static OutboxItem ReadItem(SqliteDataReader r)
    {
        var image = r.IsDBNull(9) ? null : new ChartImage(r.GetString(9), (byte[])r.GetValue(10), r.IsDBNull(11) ? string.Empty : r.GetString(11));
        var message = new OutboundMessage(ReportJson.Deserialize(r.GetString(8)), image, r.GetInt64(12) != 0);
        return new OutboxItem(r.GetInt64(0), Sql.Address(r.GetString(1), r.GetString(2), r.GetString(3)), r.GetInt64(4) != 0,
            r.IsDBNull(5) ? null : r.GetString(5), (OutboxKind)r.GetInt32(6), r.GetString(7), message, r.GetInt32(13), Sql.Time(r.GetInt64(14)));
    }

    public async Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await using var finish = c.Command(tx, "UPDATE outbox SET status = $status, status_reason = $reason, finished_at = $at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = $id",
            ("$status", 0), ("$reason", null), ("$at", 0L), ("$id", 0L));
        await using var retry = c.Command(tx, "UPDATE outbox SET next_attempt_at = $next, status_reason = $reason, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = $id",
            ("$next", 0L), ("$reason", null), ("$id", 0L));
        foreach (var done in completions)
        {
            var cmd = done.Outcome == OutboxOutcome.Retry ? retry : finish;
            if (done.Outcome == OutboxOutcome.Retry)
            {
                cmd.Parameters["$next"].Value = Sql.Ms(done.At);
            }
            else
            {
                cmd.Parameters["$status"].Value = (int)(done.Outcome == OutboxOutcome.Sent ? OutboxStatus.Sent : OutboxStatus.Dropped);
                cmd.Parameters["$at"].Value = Sql.Ms(done.At);
            }
            cmd.Parameters["$reason"].Value = (object?)done.Reason ?? DBNull.Value;
            cmd.Parameters["$id"].Value = done.Id;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Heads only: a later message of a chat waits for its head however due it is itself.
        var value = await c.ScalarAsync(null, """
            SELECT MIN(MAX(o.next_attempt_at, COALESCE(o.claimed_until, 0)))
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND c.platform = $platform
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            """, cancellationToken, ("$platform", Sql.Platform(platform))).ConfigureAwait(false);
        return value is long ms ? Sql.Time(ms) : null;
    }

    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        FinishAsync(id, OutboxStatus.Sent, null, sentAt, cancellationToken);

    public Task MarkDroppedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        FinishAsync(id, OutboxStatus.Dropped, reason, at, cancellationToken);

    private async Task FinishAsync(long id, OutboxStatus status, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE outbox SET status = $status, status_reason = $reason, finished_at = $at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = $id", ct,
            ("$status", (int)status), ("$reason", reason), ("$at", Sql.Ms(at)), ("$id", id)).ConfigureAwait(false);
    }

    public async Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE outbox SET next_attempt_at = $next, status_reason = $reason, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = $id", cancellationToken,
            ("$next", Sql.Ms(nextAttemptAt)), ("$reason", reason), ("$id", id)).ConfigureAwait(false);
    }

    public async Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT status, COUNT(*) FROM outbox GROUP BY status");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int pending = 0, sent = 0, dropped = 0;
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var n = r.GetInt32(1);
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
        var outbox = await c.ExecuteAsync(null, "DELETE FROM outbox WHERE status <> 0 AND finished_at < $before", cancellationToken, ("$before", Sql.Ms(before))).ConfigureAwait(false);
        return outbox;
    }
}
