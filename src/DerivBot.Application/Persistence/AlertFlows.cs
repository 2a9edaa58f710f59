using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>The alert-rule reads and writes both stores run alike (<see cref="IAlertStore"/>); firing is <see cref="AlertFiringFlow"/>.</summary>
public static class AlertFlows
{
    /// <summary>Adds the rule unless the chat has the same one or is at <paramref name="limit"/>; the chat row is taken for update so two instances cannot both pass the limit.</summary>
    public static async Task<AddOutcome<AlertRule>> AddAsync(StoreDialect dialect, ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(rule);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        // The chat row stays locked until commit: two instances adding at once cannot both pass the limit.
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct, forUpdate: true).ConfigureAwait(false);
        var current = (await AlertStatements.ListAsync(c, tx, chat, key, dialect.ReadDecimal, ct).ConfigureAwait(false)).Where(a => a.Enabled).ToList();
        var same = current.FirstOrDefault(a => a.Symbol == rule.Symbol && a.Condition == rule.Condition);
        if (same is not null)
        {
            return new AddOutcome<AlertRule>([], [same], false, current.Count);
        }
        if (current.Count + 1 > limit)
        {
            return new AddOutcome<AlertRule>([], [], true, current.Count);
        }
        var id = await dialect.InsertAlertRuleAsync(c, tx, key, rule, now, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        var created = new AlertRule(id, chat, rule.Symbol, rule.Condition, rule.Cooldown, rule.Repeat, true, true, DbValues.Time(DbValues.Ms(now)), null);
        return new AddOutcome<AlertRule>([created], [], false, current.Count + 1);
    }

    public static async Task<IReadOnlyList<AlertRule>> ListAsync(StoreDialect dialect, ChatAddress chat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var key = await dialect.ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        return key is null ? [] : await AlertStatements.ListAsync(c, null, chat, key.Value, dialect.ReadDecimal, ct).ConfigureAwait(false);
    }

    /// <summary>The enabled rules on <paramref name="symbol"/> of active chats, each with its chat and whether it is muted at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<WatchedRule>> ForSymbolAsync(StoreDialect dialect, Symbol symbol, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {AlertRows.Columns}, {ChatRows.Columns},
                   EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = a.chat_key AND (m.symbol = a.symbol OR m.symbol = '') AND m.until > @now)
            FROM alert_rules a JOIN chats c ON c.id = a.chat_key
            WHERE a.symbol = @symbol AND {dialect.IsSet("a.enabled")} AND {dialect.IsSet("c.active")}
            ORDER BY a.id
            """, ("symbol", symbol.Value), ("now", DbValues.Ms(now)));
        return await cmd.ReadAllAsync(r => AlertRows.ReadWatched(r, dialect.ReadDecimal), ct).ConfigureAwait(false);
    }

    /// <summary>Disarms the rule if it is armed, as a firing would, without sending anything.</summary>
    public static async Task SuppressAsync(StoreDialect dialect, long ruleId, DateTimeOffset firedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await c.ExecuteAsync(null, $"UPDATE alert_rules SET armed = {dialect.False}, last_fired_at = @at, enabled = repeat WHERE id = @id AND {dialect.IsSet("armed")}", ct,
            ("at", DbValues.Ms(firedAt)), ("id", ruleId)).ConfigureAwait(false);
    }
}
