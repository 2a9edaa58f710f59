using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
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
        var items = await c.QueryAsync(tx, $"""
            SELECT {OutboxRows.Columns}
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND o.next_attempt_at <= @now AND c.platform = @platform
              AND (o.claimed_until IS NULL OR o.claimed_until <= @now)
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            ORDER BY (o.kind = @reply) DESC, o.id LIMIT @limit
            """, OutboxRows.Read, cancellationToken,
            ("now", DbValues.Ms(now)), ("platform", DbValues.Platform(platform)), ("limit", limit), ("reply", (int)OutboxKind.Reply)).ConfigureAwait(false);
        if (items.Count > 0)
        {
            await using var claim = c.Command(tx, "UPDATE outbox SET claimed_by = @by, claimed_until = @until WHERE id = @id",
                ("by", claimedBy), ("until", DbValues.Ms(now + lease)), ("id", 0L));
            foreach (var item in items)
            {
                claim.Parameters["@id"].Value = item.Id;
                await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return items;
    }

    public Task ExtendClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateClaimsAsync(ids, claimedBy, "UPDATE outbox SET claimed_until = @until WHERE id = @id AND claimed_by = @by AND status = 0", DbValues.Ms(until), cancellationToken);

    public Task ReleaseClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, CancellationToken cancellationToken) =>
        UpdateClaimsAsync(ids, claimedBy, "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = @id AND claimed_by = @by", null, cancellationToken);

    private async Task UpdateClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, string sql, long? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await using var release = c.Command(tx, sql, ("id", 0L), ("by", claimedBy));
        if (until is { } u)
        {
            release.AddParameter("until", u);
        }
        foreach (var id in ids)
        {
            release.Parameters["@id"].Value = id;
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
