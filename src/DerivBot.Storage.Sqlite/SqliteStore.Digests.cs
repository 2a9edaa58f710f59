using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.GetEarliestDueAsync(c, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.GetDueAsync(c, now, cancellationToken), cancellationToken);

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
            await c.ExecuteAsync(tx, "UPDATE subscriptions SET last_fired_at = @fired, next_due_at = @next, retry_slot_at = NULL, retry_failures = 0 WHERE id = @id", cancellationToken,
                ("fired", DbValues.Ms(delivery.FiredFor)), ("next", DbValues.Ms(delivery.NextDueAt)), ("id", delivery.SubscriptionId)).ConfigureAwait(false);
            if (delivery.Messages.Count > 0)
            {
                // A digest got through: the chat's outage (if any) is over, the next skip may be told again.
                await c.ExecuteAsync(tx, "UPDATE chats SET digest_outage_noticed = 0 WHERE id = (SELECT chat_key FROM subscriptions WHERE id = @id) AND digest_outage_noticed <> 0",
                    cancellationToken, ("id", delivery.SubscriptionId)).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return enqueued;
    }

    public Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.SetNextDueAsync(c, null, subscriptionId, nextDueAt, cancellationToken), cancellationToken);

    public Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.PostponeDigestAsync(c, subscriptionId, slotDueAt, retryAt, cancellationToken), cancellationToken);

    public async Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skip);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = @next, retry_slot_at = NULL, retry_failures = 0 WHERE id = @id", cancellationToken,
            ("next", DbValues.Ms(skip.NextDueAt)), ("id", skip.SubscriptionId)).ConfigureAwait(false);
        var told = false;
        if (skip.Notice is { } notice)
        {
            var key = await EnsureChatAsync(c, tx, notice.Chat, null, cancellationToken).ConfigureAwait(false);
            var claimed = await c.ExecuteAsync(tx, "UPDATE chats SET digest_outage_noticed = 1 WHERE id = @key AND digest_outage_noticed = 0", cancellationToken, ("key", key)).ConfigureAwait(false);
            if (claimed == 1)
            {
                told = await InsertOutboxAsync(c, tx, key, notice, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return told;
    }
}
