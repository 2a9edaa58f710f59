using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    private const string SubscriptionColumns = "s.id, s.symbol, s.kind, s.schedule, s.created_at, s.next_due_at, s.last_fired_at";

    private static Subscription ReadSubscription(SqliteDataReader r, ChatAddress chat) => new(
        r.GetInt64(0), chat, new Symbol(r.GetString(1)), (DigestKind)r.GetInt32(2), DigestSchedule.FromStorage(r.GetString(3)),
        Sql.Time(r.GetInt64(4)), Sql.Time(r.GetInt64(5)), Sql.TimeOrNull(r, 6));

    public async Task SetTimeZoneAsync(ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextDue);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE chats SET time_zone = $tz, updated_at = $now WHERE id = $id", cancellationToken,
            ("$tz", timeZone), ("$now", Sql.Ms(_clock.GetUtcNow())), ("$id", key)).ConfigureAwait(false);
        foreach (var s in await ListSubscriptionsAsync(c, tx, chat, key, cancellationToken).ConfigureAwait(false))
        {
            await c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = $next WHERE id = $id", cancellationToken,
                ("$next", Sql.Ms(nextDue(s))), ("$id", s.Id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AddOutcome<Subscription>> AddSubscriptionsAsync(ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        var current = await ListSubscriptionsAsync(c, tx, chat, key, cancellationToken).ConfigureAwait(false);
        var plan = SubscriptionAddPlan.For(current, subscriptions, limit);
        var (existing, toAdd) = (plan.Existing, plan.ToAdd);
        if (plan.OverLimit)
        {
            return new AddOutcome<Subscription>([], existing, LimitReached: true, current.Count);
        }
        var now = _clock.GetUtcNow();
        var added = new List<Subscription>();
        foreach (var s in toAdd)
        {
            var id = (long)(await c.ScalarAsync(tx,
                "INSERT INTO subscriptions (chat_key, symbol, kind, schedule, created_at, next_due_at) VALUES ($chat, $symbol, $kind, $schedule, $now, $next) RETURNING id",
                cancellationToken, ("$chat", key), ("$symbol", s.Symbol.Value), ("$kind", (int)s.Kind), ("$schedule", s.Schedule.ToStorage()),
                ("$now", Sql.Ms(now)), ("$next", Sql.Ms(s.NextDueAt))).ConfigureAwait(false))!;
            added.Add(new Subscription(id, chat, s.Symbol, s.Kind, s.Schedule, DateTimeOffset.FromUnixTimeMilliseconds(Sql.Ms(now)), s.NextDueAt, null));
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AddOutcome<Subscription>(added, existing, LimitReached: false, current.Count + added.Count);
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        return key is null ? [] : await ListSubscriptionsAsync(c, null, chat, key.Value, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Subscription>> ListSubscriptionsAsync(SqliteConnection c, SqliteTransaction? tx, ChatAddress chat, long key, CancellationToken ct)
    {
        await using var cmd = c.Command(tx, $"SELECT {SubscriptionColumns} FROM subscriptions s WHERE s.chat_key = $key ORDER BY s.id", ("$key", key));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<Subscription>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(ReadSubscription(r, chat));
        }
        return list;
    }

    public Task<int> RemoveSubscriptionsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("subscriptions", chat, target, cancellationToken);

    private async Task<int> RemoveAsync(string table, ChatAddress chat, RemovalTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        var key = await ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        var filter = target.All ? "" : target.Id is not null ? " AND id = $id" : " AND symbol = $symbol";
        return await c.ExecuteAsync(null, $"DELETE FROM {table} WHERE chat_key = $key{filter}", ct,
            ("$key", key), ("$id", target.Id), ("$symbol", target.Symbol?.Value)).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ScalarAsync(null, "SELECT MIN(next_due_at) FROM subscriptions", cancellationToken).ConfigureAwait(false) is long ms ? Sql.Time(ms) : null;
    }

    public async Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {SubscriptionColumns}, {ChatColumns},
                   EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = s.chat_key AND (m.symbol = s.symbol OR m.symbol = '') AND m.until > $now),
                   s.retry_slot_at, s.retry_failures, c.digest_outage_noticed
            FROM subscriptions s JOIN chats c ON c.id = s.chat_key
            WHERE s.next_due_at <= $now
            ORDER BY s.next_due_at, s.id
            """, ("$now", Sql.Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DueSubscription>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var chat = ReadChat(r, 7);
            var retry = r.IsDBNull(16) ? null : new DigestRetry(Sql.Time(r.GetInt64(16)), r.GetInt32(17));
            list.Add(new DueSubscription(ReadSubscription(r, chat.Address), chat, r.GetInt64(15) != 0, retry, r.GetInt64(18) != 0));
        }
        return list;
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
                ("$fired", Sql.Ms(delivery.FiredFor)), ("$next", Sql.Ms(delivery.NextDueAt)), ("$id", delivery.SubscriptionId)).ConfigureAwait(false);
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
            ("$next", Sql.Ms(nextDueAt)), ("$id", subscriptionId)).ConfigureAwait(false);
    }

    public async Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            UPDATE subscriptions SET next_due_at = $next, retry_slot_at = COALESCE(retry_slot_at, $slot), retry_failures = retry_failures + 1
            WHERE id = $id
            """, cancellationToken, ("$next", Sql.Ms(retryAt)), ("$slot", Sql.Ms(slotDueAt)), ("$id", subscriptionId)).ConfigureAwait(false);
    }

    public async Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skip);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = $next, retry_slot_at = NULL, retry_failures = 0 WHERE id = $id", cancellationToken,
            ("$next", Sql.Ms(skip.NextDueAt)), ("$id", skip.SubscriptionId)).ConfigureAwait(false);
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

    public async Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "INSERT OR REPLACE INTO mutes (chat_key, symbol, until) VALUES ($key, $symbol, $until)", cancellationToken,
            ("$key", key), ("$symbol", symbol?.Value ?? ""), ("$until", Sql.Ms(until))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        return symbol is null
            ? await c.ExecuteAsync(null, "DELETE FROM mutes WHERE chat_key = $key", cancellationToken, ("$key", key)).ConfigureAwait(false)
            : await c.ExecuteAsync(null, "DELETE FROM mutes WHERE chat_key = $key AND symbol = $symbol", cancellationToken, ("$key", key), ("$symbol", symbol.Value.Value)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, """
            SELECT m.symbol, m.until FROM mutes m JOIN chats c ON c.id = m.chat_key
            WHERE c.platform = $platform AND c.chat_id = $chat AND c.thread_id = $thread AND m.until > $now ORDER BY m.symbol
            """, [.. Sql.ChatKeyParameters(chat), ("$now", Sql.Ms(now))]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Mute>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var s = r.GetString(0);
            list.Add(new Mute(s.Length == 0 ? null : new Symbol(s), Sql.Time(r.GetInt64(1))));
        }
        return list;
    }

    public async Task<IReadOnlyList<Symbol>> GetWatchedSymbolsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, """
            SELECT s.symbol FROM subscriptions s JOIN chats c ON c.id = s.chat_key WHERE c.active = 1
            UNION
            SELECT a.symbol FROM alert_rules a JOIN chats c ON c.id = a.chat_key WHERE c.active = 1 AND a.enabled = 1
            ORDER BY 1
            """);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Symbol>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Symbol(r.GetString(0)));
        }
        return list;
    }
}
