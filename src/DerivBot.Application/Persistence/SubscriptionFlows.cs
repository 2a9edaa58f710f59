using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>
/// The subscription transactions both stores run alike (<see cref="ISubscriptionStore"/>). Writes that check a per-chat
/// limit or rewrite a chat's schedule take the chat row with <c>forUpdate</c>: locked in PostgreSQL, so two instances
/// adding at once cannot both pass the limit; SQLite's single writer needs no lock.
/// </summary>
public static class SubscriptionFlows
{
    public static async Task SetTimeZoneAsync(StoreDialect dialect, ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(nextDue);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct, forUpdate: true).ConfigureAwait(false);
        await ChatStatements.SetTimeZoneAsync(c, tx, key, timeZone, dialect.Clock.GetUtcNow(), ct).ConfigureAwait(false);
        foreach (var s in await SubscriptionStatements.ListAsync(c, tx, chat, key, ct).ConfigureAwait(false))
        {
            await SubscriptionStatements.SetNextDueAsync(c, tx, s.Id, nextDue(s), ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public static async Task<AddOutcome<Subscription>> AddAsync(StoreDialect dialect, ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(subscriptions);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        // The chat row stays locked until commit: two instances adding at once cannot both pass the limit.
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct, forUpdate: true).ConfigureAwait(false);
        var current = await SubscriptionStatements.ListAsync(c, tx, chat, key, ct).ConfigureAwait(false);
        var plan = SubscriptionAddPlan.For(current, subscriptions, limit);
        var (existing, toAdd) = (plan.Existing, plan.ToAdd);
        if (plan.OverLimit)
        {
            return new AddOutcome<Subscription>([], existing, LimitReached: true, current.Count);
        }
        var now = dialect.Clock.GetUtcNow();
        var added = new List<Subscription>();
        foreach (var s in toAdd)
        {
            added.Add(await SubscriptionStatements.InsertAsync(c, tx, chat, key, s, now, ct).ConfigureAwait(false));
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new AddOutcome<Subscription>(added, existing, LimitReached: false, current.Count + added.Count);
    }

    public static async Task<IReadOnlyList<Subscription>> ListAsync(StoreDialect dialect, ChatAddress chat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var key = await dialect.ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        return key is null ? [] : await SubscriptionStatements.ListAsync(c, null, chat, key.Value, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the chat's rows of <paramref name="table"/> (subscriptions or alert rules) that <paramref name="target"/> names; how many.</summary>
    public static async Task<int> RemoveAsync(StoreDialect dialect, string table, ChatAddress chat, RemovalTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(target);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var key = await dialect.ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        if (target.All)
        {
            return await c.ExecuteAsync(null, $"DELETE FROM {table} WHERE chat_key = @key", ct, ("key", key)).ConfigureAwait(false);
        }
        return target.Id is { } id
            ? await c.ExecuteAsync(null, $"DELETE FROM {table} WHERE chat_key = @key AND id = @id", ct, ("key", key), ("id", id)).ConfigureAwait(false)
            : await c.ExecuteAsync(null, $"DELETE FROM {table} WHERE chat_key = @key AND symbol = @symbol", ct, ("key", key), ("symbol", target.Symbol?.Value)).ConfigureAwait(false);
    }

    /// <summary>Every symbol an active chat subscribes to or has an enabled alert on, in byte order.</summary>
    public static async Task<IReadOnlyList<Symbol>> WatchedSymbolsAsync(StoreDialect dialect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var collate = dialect.OrdinalCollation;
        await using var cmd = c.Command(null, $"""
            SELECT s.symbol{collate} FROM subscriptions s JOIN chats c ON c.id = s.chat_key WHERE {dialect.IsSet("c.active")}
            UNION
            SELECT a.symbol{collate} FROM alert_rules a JOIN chats c ON c.id = a.chat_key WHERE {dialect.IsSet("c.active")} AND {dialect.IsSet("a.enabled")}
            ORDER BY 1
            """);
        return await cmd.ReadAllAsync(r => new Symbol(r.GetString(0)), ct).ConfigureAwait(false);
    }
}
