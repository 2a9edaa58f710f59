using DerivBot.Application.Alerts;
using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        var current = (await AlertStatements.ListAsync(c, tx, chat, key, Sql.ReadDecimal, cancellationToken).ConfigureAwait(false)).Where(a => a.Enabled).ToList();
        var same = current.FirstOrDefault(a => a.Symbol == rule.Symbol && a.Condition == rule.Condition);
        if (same is not null)
        {
            return new AddOutcome<AlertRule>([], [same], false, current.Count);
        }
        if (current.Count + 1 > limit)
        {
            return new AddOutcome<AlertRule>([], [], true, current.Count);
        }
        var condition = rule.Condition;
        var id = (long)(await c.ScalarAsync(tx, """
            INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, window_seconds, state, cooldown_seconds, repeat, armed, enabled, created_at)
            VALUES (@key, @symbol, @metric, @direction, @threshold, @window, @state, @cooldown, @repeat, 1, 1, @now) RETURNING id
            """, cancellationToken,
            ("key", key), ("symbol", rule.Symbol.Value), ("metric", (int)condition.Metric), ("direction", (int)condition.Direction),
            ("threshold", Sql.Dec(condition.Threshold)), ("window", condition.Window is { } w ? (long)w.TotalSeconds : null),
            ("state", condition.State is { } s ? (int)s : null), ("cooldown", (long)rule.Cooldown.TotalSeconds),
            ("repeat", rule.Repeat ? 1 : 0), ("now", DbValues.Ms(now))).ConfigureAwait(false))!;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var created = new AlertRule(id, chat, rule.Symbol, condition, rule.Cooldown, rule.Repeat, true, true, DbValues.Time(DbValues.Ms(now)), null);
        return new AddOutcome<AlertRule>([created], [], false, current.Count + 1);
    }

    public async Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await _dialect.ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        return key is null ? [] : await AlertStatements.ListAsync(c, null, chat, key.Value, Sql.ReadDecimal, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> RemoveAlertsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("alert_rules", chat, target, cancellationToken);

    public async Task<IReadOnlyList<WatchedRule>> GetRulesForSymbolAsync(Symbol symbol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {AlertRows.Columns}, {ChatRows.Columns},
                   EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = a.chat_key AND (m.symbol = a.symbol OR m.symbol = '') AND m.until > @now)
            FROM alert_rules a JOIN chats c ON c.id = a.chat_key
            WHERE a.symbol = @symbol AND a.enabled = 1 AND c.active = 1
            ORDER BY a.id
            """, ("symbol", symbol.Value), ("now", DbValues.Ms(now)));
        return await cmd.ReadAllAsync(r => AlertRows.ReadWatched(r, Sql.ReadDecimal), cancellationToken).ConfigureAwait(false);
    }

    public async Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        foreach (var id in ruleIds)
        {
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 1 WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE alert_rules SET armed = 0, last_fired_at = @at, enabled = repeat WHERE id = @id AND armed = 1", cancellationToken,
            ("at", DbValues.Ms(firedAt)), ("id", ruleId)).ConfigureAwait(false);
    }
}
