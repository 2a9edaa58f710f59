using System.Data.Common;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>
/// The subscription and digest statements both databases run alike. What locks (PostgreSQL's FOR UPDATE), ignores
/// duplicates or writes booleans stays in each store.
/// </summary>
public static class SubscriptionStatements
{
    /// <summary>The chat's subscriptions (chat row key <paramref name="key"/>), oldest first.</summary>
    public static async Task<List<Subscription>> ListAsync(DbConnection c, DbTransaction? tx, ChatAddress chat, long key, CancellationToken ct) =>
        await c.QueryAsync(tx, $"SELECT {SubscriptionRows.Columns} FROM subscriptions s WHERE s.chat_key = @key ORDER BY s.id",
            r => SubscriptionRows.Read(r, chat), ct, ("key", key)).ConfigureAwait(false);

    /// <summary>Adds one subscription to the chat row <paramref name="key"/>; the row as stored (millisecond times).</summary>
    public static async Task<Subscription> InsertAsync(DbConnection c, DbTransaction tx, ChatAddress chat, long key, NewSubscription s, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var id = (long)(await c.ScalarAsync(tx,
            "INSERT INTO subscriptions (chat_key, symbol, kind, schedule, created_at, next_due_at) VALUES (@chat, @symbol, @kind, @schedule, @now, @next) RETURNING id",
            ct, ("chat", key), ("symbol", s.Symbol.Value), ("kind", (int)s.Kind), ("schedule", s.Schedule.ToStorage()),
            ("now", DbValues.Ms(now)), ("next", DbValues.Ms(s.NextDueAt))).ConfigureAwait(false))!;
        return new Subscription(id, chat, s.Symbol, s.Kind, s.Schedule, DbValues.Time(DbValues.Ms(now)), s.NextDueAt, null);
    }

    public static async Task<DateTimeOffset?> GetEarliestDueAsync(DbConnection c, CancellationToken ct) =>
        await c.ScalarAsync(null, "SELECT MIN(next_due_at) FROM subscriptions", ct).ConfigureAwait(false) is long ms ? DbValues.Time(ms) : null;

    /// <summary>Every subscription due at <paramref name="now"/> with its chat and mute state, in due order.</summary>
    public static async Task<IReadOnlyList<DueSubscription>> GetDueAsync(DbConnection c, DateTimeOffset now, CancellationToken ct) =>
        await c.QueryAsync(null, $"""
            SELECT {SubscriptionRows.DueColumns}
            FROM subscriptions s JOIN chats c ON c.id = s.chat_key
            WHERE s.next_due_at <= @now
            ORDER BY s.next_due_at, s.id
            """, SubscriptionRows.ReadDue, ct, ("now", DbValues.Ms(now))).ConfigureAwait(false);

    public static Task<int> SetNextDueAsync(DbConnection c, DbTransaction? tx, long subscriptionId, DateTimeOffset nextDueAt, CancellationToken ct) =>
        c.ExecuteAsync(tx, "UPDATE subscriptions SET next_due_at = @next WHERE id = @id", ct, ("next", DbValues.Ms(nextDueAt)), ("id", subscriptionId));

    /// <summary>Moves a digest that could not be built to its retry, keeping the slot it was due for and counting the failure.</summary>
    public static Task<int> PostponeDigestAsync(DbConnection c, long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken ct) =>
        c.ExecuteAsync(null, """
            UPDATE subscriptions SET next_due_at = @next, retry_slot_at = COALESCE(retry_slot_at, @slot), retry_failures = retry_failures + 1
            WHERE id = @id
            """, ct, ("next", DbValues.Ms(retryAt)), ("slot", DbValues.Ms(slotDueAt)), ("id", subscriptionId));

    /// <summary>Lifts the chat's mutes: all of them, or the one of <paramref name="symbol"/>.</summary>
    public static Task<int> UnmuteAsync(DbConnection c, long key, Core.Markets.Symbol? symbol, CancellationToken ct) =>
        symbol is null
            ? c.ExecuteAsync(null, "DELETE FROM mutes WHERE chat_key = @key", ct, ("key", key))
            : c.ExecuteAsync(null, "DELETE FROM mutes WHERE chat_key = @key AND symbol = @symbol", ct, ("key", key), ("symbol", symbol.Value.Value));
}
