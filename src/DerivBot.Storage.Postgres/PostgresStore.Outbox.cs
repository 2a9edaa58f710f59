using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
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
            ("silent", message.Silent), ("now", DbValues.Ms(now)));
        cmd.Parameters.Add(PgSql.Typed("imageName", NpgsqlDbType.Text, message.Image?.FileName));
        cmd.Parameters.Add(PgSql.Typed("imagePng", NpgsqlDbType.Bytea, message.Image?.Png));
        cmd.Parameters.Add(PgSql.Typed("imageAlt", NpgsqlDbType.Text, message.Image?.AltText));
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

    public Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => OutboxStatements.PeekNextAsync(c, platform, now, cancellationToken), cancellationToken);

    // Chat heads are claimed, not peeked: ClaimChatHeadsAsync and ReleaseClaimsAsync are in PostgresStore.OutboxClaims.cs.

    public async Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Heads only (a later message waits for its chat's head however due it is), each claimable at the later of
        // its next attempt and the end of its claim's lease.
        var value = await c.ScalarAsync(null, """
            SELECT MIN(GREATEST(o.next_attempt_at, COALESCE(o.claimed_until, 0)))
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND c.platform = @platform
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            """, cancellationToken, ("platform", DbValues.Platform(platform))).ConfigureAwait(false);
        return value is long ms ? DbValues.Time(ms) : null;
    }
}
