using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// Outbox claims across instances (issue #14): chat heads are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a lease
/// (<c>claimed_by</c>, <c>claimed_until</c>), so two instances never get the same message, a chat whose head is claimed
/// by anyone yields nothing, and an expired lease is taken over. Kept apart from the shared outbox flows (<see cref="Application.Persistence.OutboxFlows"/>).
/// </summary>
public sealed partial class PostgresStore
{
    public async Task<IReadOnlyList<OutboxItem>> ClaimChatHeadsAsync(ChatPlatform platform, string claimedBy, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimedBy);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A head row another transaction is claiming right now is skipped (SKIP LOCKED), and one it claimed and
        // committed meanwhile is re-checked on the newest row version (claimed_until in the future: left out). Only a
        // chat's oldest pending row qualifies, so a claimed head hides its whole chat from every claimer.
        var ids = new List<long>();
        await using (var claim = new NpgsqlCommand("""
            WITH heads AS (
                SELECT o.id
                FROM outbox o JOIN chats c ON c.id = o.chat_key
                WHERE o.status = 0 AND o.next_attempt_at <= @now AND c.platform = @platform
                  AND (o.claimed_until IS NULL OR o.claimed_until <= @now)
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
                ORDER BY (o.kind = @reply) DESC, o.id
                LIMIT @limit
                FOR UPDATE OF o SKIP LOCKED)
            UPDATE outbox o SET claimed_by = @by, claimed_until = @until
            FROM heads WHERE o.id = heads.id
            RETURNING o.id
            """, c, tx))
        {
            claim.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            claim.Parameters.AddWithValue("platform", platform.ToString());
            claim.Parameters.AddWithValue("limit", limit);
            claim.Parameters.AddWithValue("reply", (int)OutboxKind.Reply);
            claim.Parameters.AddWithValue("by", claimedBy);
            claim.Parameters.AddWithValue("until", (now + lease).ToUnixTimeMilliseconds());
            await using var r = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(r.GetInt64(0));
            }
        }
        var items = new List<OutboxItem>(ids.Count);
        if (ids.Count > 0)
        {
            await using var read = new NpgsqlCommand($"""
                SELECT {OutboxRows.Columns}
                FROM outbox o JOIN chats c ON c.id = o.chat_key
                WHERE o.id = ANY(@ids)
                ORDER BY o.id
                """, c, tx);
            read.Parameters.AddWithValue("ids", ids.ToArray());
            items.AddRange(await read.ReadAllAsync(OutboxRows.Read, cancellationToken).ConfigureAwait(false));
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return items;
    }

    public async Task ExtendClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var extend = new NpgsqlCommand(
            "UPDATE outbox SET claimed_until = @until WHERE id = ANY(@ids) AND claimed_by = @by AND status = 0", c);
        extend.Parameters.AddWithValue("ids", ids.ToArray());
        extend.Parameters.AddWithValue("by", claimedBy);
        extend.Parameters.AddWithValue("until", until.ToUnixTimeMilliseconds());
        await extend.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var release = new NpgsqlCommand(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ANY(@ids) AND claimed_by = @by", c);
        release.Parameters.AddWithValue("ids", ids.ToArray());
        release.Parameters.AddWithValue("by", claimedBy);
        await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
