using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The digest transactions both stores run alike (<see cref="ISubscriptionStore"/>); the dialect supplies what differs.</summary>
public static class DigestFlows
{
    /// <summary>Enqueues each delivery's messages and moves its subscription to the next slot, in one transaction; how many rows were added.</summary>
    public static async Task<int> RecordAsync(StoreDialect dialect, IReadOnlyList<DigestDelivery> deliveries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var now = dialect.Clock.GetUtcNow();
        var keys = new Dictionary<ChatAddress, long>();
        var enqueued = 0;
        foreach (var delivery in deliveries)
        {
            foreach (var message in delivery.Messages)
            {
                if (!keys.TryGetValue(message.Chat, out var key))
                {
                    key = keys[message.Chat] = await dialect.EnsureChatAsync(c, tx, message.Chat, null, ct).ConfigureAwait(false);
                }
                if (await dialect.InsertOutboxAsync(c, tx, key, message, now, ct).ConfigureAwait(false))
                {
                    enqueued++;
                }
            }
            await c.ExecuteAsync(tx, "UPDATE subscriptions SET last_fired_at = @fired, next_due_at = @next, retry_slot_at = NULL, retry_failures = 0 WHERE id = @id", ct,
                ("fired", DbValues.Ms(delivery.FiredFor)), ("next", DbValues.Ms(delivery.NextDueAt)), ("id", delivery.SubscriptionId)).ConfigureAwait(false);
            if (delivery.Messages.Count > 0)
            {
                // A digest got through: the chat's outage (if any) is over, the next skip may be told again.
                await c.ExecuteAsync(tx, $"UPDATE chats SET digest_outage_noticed = {dialect.False} WHERE id = (SELECT chat_key FROM subscriptions WHERE id = @id) AND {dialect.IsSet("digest_outage_noticed")}",
                    ct, ("id", delivery.SubscriptionId)).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return enqueued;
    }

    /// <summary>Moves a subscription past a slot it could not fill; tells the chat once per outage. True when the notice was enqueued.</summary>
    public static async Task<bool> SkipAsync(StoreDialect dialect, DigestSkip skip, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(skip);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = @next, retry_slot_at = NULL, retry_failures = 0 WHERE id = @id", ct,
            ("next", DbValues.Ms(skip.NextDueAt)), ("id", skip.SubscriptionId)).ConfigureAwait(false);
        var told = false;
        if (skip.Notice is { } notice)
        {
            var key = await dialect.EnsureChatAsync(c, tx, notice.Chat, null, ct).ConfigureAwait(false);
            // Check and set in one UPDATE: SQLite's single writer, PostgreSQL's row lock make the claim exclusive.
            var claimed = await c.ExecuteAsync(tx, $"UPDATE chats SET digest_outage_noticed = {dialect.True} WHERE id = @key AND {dialect.IsClear("digest_outage_noticed")}", ct, ("key", key)).ConfigureAwait(false);
            if (claimed == 1)
            {
                told = await dialect.InsertOutboxAsync(c, tx, key, notice, dialect.Clock.GetUtcNow(), ct).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return told;
    }
}
