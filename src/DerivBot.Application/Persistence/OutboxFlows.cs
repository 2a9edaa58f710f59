using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The outbox writes both stores run alike (<see cref="IOutboxStore"/>); the batch completion and claims stay in each store.</summary>
public static class OutboxFlows
{
    /// <summary>Adds the draft (and its chat row when missing) unless its idempotency key is already there; true when added.</summary>
    public static async Task<bool> EnqueueAsync(StoreDialect dialect, OutboxDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(draft);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var key = await dialect.EnsureChatAsync(c, tx, draft.Chat, null, ct).ConfigureAwait(false);
        var inserted = await dialect.InsertOutboxAsync(c, tx, key, draft, now, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>Marks row <paramref name="id"/> sent or dropped and releases its claim.</summary>
    public static async Task FinishAsync(StoreDialect dialect, long id, OutboxRowStatus status, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, "UPDATE outbox SET status = @status, status_reason = @reason, finished_at = @at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            ("status", (int)status), ("at", DbValues.Ms(at)), ("id", id));
        cmd.Parameters.Add(dialect.NullableText("reason", reason));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>When the next chat head of <paramref name="platform"/> can be claimed, or null when nothing is pending.</summary>
    public static async Task<DateTimeOffset?> NextAttemptAsync(StoreDialect dialect, ChatPlatform platform, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        // Heads only (a later message waits for its chat's head however due it is), each claimable at the later of
        // its next attempt and the end of its claim's lease.
        var value = await c.ScalarAsync(null, $"""
            SELECT MIN({dialect.Greatest}(o.next_attempt_at, COALESCE(o.claimed_until, 0)))
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND c.platform = @platform
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            """, ct, ("platform", DbValues.Platform(platform))).ConfigureAwait(false);
        return value is long ms ? DbValues.Time(ms) : null;
    }
}
