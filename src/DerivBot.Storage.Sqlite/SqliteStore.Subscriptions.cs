using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task SetTimeZoneAsync(ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextDue);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await ChatStatements.SetTimeZoneAsync(c, tx, key, timeZone, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var s in await SubscriptionStatements.ListAsync(c, tx, chat, key, cancellationToken).ConfigureAwait(false))
        {
            await SubscriptionStatements.SetNextDueAsync(c, tx, s.Id, nextDue(s), cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AddOutcome<Subscription>> AddSubscriptionsAsync(ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        var current = await SubscriptionStatements.ListAsync(c, tx, chat, key, cancellationToken).ConfigureAwait(false);
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
            added.Add(await SubscriptionStatements.InsertAsync(c, tx, chat, key, s, now, cancellationToken).ConfigureAwait(false));
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AddOutcome<Subscription>(added, existing, LimitReached: false, current.Count + added.Count);
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await _dialect.ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        return key is null ? [] : await SubscriptionStatements.ListAsync(c, null, chat, key.Value, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> RemoveSubscriptionsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("subscriptions", chat, target, cancellationToken);

    private async Task<int> RemoveAsync(string table, ChatAddress chat, RemovalTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        var key = await _dialect.ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        var filter = target.All ? "" : target.Id is not null ? " AND id = @id" : " AND symbol = @symbol";
        return await c.ExecuteAsync(null, $"DELETE FROM {table} WHERE chat_key = @key{filter}", ct,
            ("key", key), ("id", target.Id), ("symbol", target.Symbol?.Value)).ConfigureAwait(false);
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
        return await cmd.ReadAllAsync(r => new Symbol(r.GetString(0)), cancellationToken).ConfigureAwait(false);
    }
}
