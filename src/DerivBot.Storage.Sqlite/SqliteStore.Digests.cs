using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ScalarAsync(null, "SELECT MIN(next_due_at) FROM subscriptions", cancellationToken).ConfigureAwait(false) is long ms ? DbValues.Time(ms) : null;
    }

    public async Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {SubscriptionRows.DueColumns("$now")}
            FROM subscriptions s JOIN chats c ON c.id = s.chat_key
            WHERE s.next_due_at <= $now
            ORDER BY s.next_due_at, s.id
            """, ("$now", DbValues.Ms(now)));
        return await cmd.ReadAllAsync(SubscriptionRows.ReadDue, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RecordDigestsAsync(IReadOnlyList<DigestDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var now = _clock.GetUtcNow();
        var keys = new Dictionary<ChatAddress, long>();
        var enqueued = 0;
        foreach (var delivery in deliveries)
        {
            foreach (var message in delivery.Messages)
            {
                if (!keys.TryGetValue(message.Chat, out var key))
                {
                    key = keys[message.Chat] = await EnsureChatAsync(c, tx, message.Chat, null, cancellationToken).ConfigureAwait(false);
                }
                if (await InsertOutboxAsync(c, tx, key, message, now, cancellationToken).ConfigureAwait(false))
                {
                    enqueued++;
                }
            }
            await c.ExecuteAsync(tx, "UPDATE subscriptions SET last_fired_at = $fired, next_due_at = $next, retry_slot_at = NULL, retry_failures = 0 WHERE id = $id", cancellationToken,
                ("$fired", DbValues.Ms(delivery.FiredFor)), ("$next", DbValues.Ms(delivery.NextDueAt)), ("$id", delivery.SubscriptionId)).ConfigureAwait(false);
            if (delivery.Messages.Count > 0)
            {
                // A digest got through: the chat's outage (if any) is over, the next skip may be told again.
                await c.ExecuteAsync(tx, "UPDATE chats SET digest_outage_noticed = 0 WHERE id = (SELECT chat_key FROM subscriptions WHERE id = $id) AND digest_outage_noticed <> 0",
                    cancellationToken, ("$id", delivery.SubscriptionId)).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return enqueued;
    }

    public async Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE subscriptions SET next_due_at = $next WHERE id = $id", cancellationToken,
            ("$next", DbValues.Ms(nextDueAt)), ("$id", subscriptionId)).ConfigureAwait(false);
    }

    public async Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            UPDATE subscriptions SET next_due_at = $next, retry_slot_at = COALESCE(retry_slot_at, $slot), retry_failures = retry_failures + 1
            WHERE id = $id
            """, cancellationToken, ("$next", DbValues.Ms(retryAt)), ("$slot", DbValues.Ms(slotDueAt)), ("$id", subscriptionId)).ConfigureAwait(false);
    }

    public async Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skip);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = $next, retry_slot_at = NULL, retry_failures = 0 WHERE id = $id", cancellationToken,
            ("$next", DbValues.Ms(skip.NextDueAt)), ("$id", skip.SubscriptionId)).ConfigureAwait(false);
        var told = false;
        if (skip.Notice is { } notice)
        {
            var key = await EnsureChatAsync(c, tx, notice.Chat, null, cancellationToken).ConfigureAwait(false);
            var claimed = await c.ExecuteAsync(tx, "UPDATE chats SET digest_outage_noticed = 1 WHERE id = $key AND digest_outage_noticed = 0", cancellationToken, ("$key", key)).ConfigureAwait(false);
            if (claimed == 1)
            {
                told = await InsertOutboxAsync(c, tx, key, notice, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return told;
    }
}
