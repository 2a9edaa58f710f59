using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    private const string RuleColumns = "a.id, a.symbol, a.metric, a.direction, a.threshold, a.window_seconds, a.state, a.cooldown_seconds, a.repeat, a.armed, a.enabled, a.created_at, a.last_fired_at";

    private static AlertRule ReadRule(SqliteDataReader r, ChatAddress chat) => new(
        r.GetInt64(0), chat, new Symbol(r.GetString(1)),
        new AlertCondition((AlertMetric)r.GetInt32(2), (AlertDirection)r.GetInt32(3), Sql.Dec(r.GetString(4)),
            r.IsDBNull(5) ? null : TimeSpan.FromSeconds(r.GetInt64(5)),
            r.IsDBNull(6) ? null : (QuadrantState)r.GetInt32(6)),
        TimeSpan.FromSeconds(r.GetInt64(7)), r.GetInt64(8) != 0, r.GetInt64(9) != 0, r.GetInt64(10) != 0,
        Sql.Time(r.GetInt64(11)), Sql.TimeOrNull(r, 12));

    public async Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        var current = (await ListAlertsAsync(c, tx, chat, key, cancellationToken).ConfigureAwait(false)).Where(a => a.Enabled).ToList();
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
            VALUES ($key, $symbol, $metric, $direction, $threshold, $window, $state, $cooldown, $repeat, 1, 1, $now) RETURNING id
            """, cancellationToken,
            ("$key", key), ("$symbol", rule.Symbol.Value), ("$metric", (int)condition.Metric), ("$direction", (int)condition.Direction),
            ("$threshold", Sql.Dec(condition.Threshold)), ("$window", condition.Window is { } w ? (long)w.TotalSeconds : null),
            ("$state", condition.State is { } s ? (int)s : null), ("$cooldown", (long)rule.Cooldown.TotalSeconds),
            ("$repeat", rule.Repeat ? 1 : 0), ("$now", Sql.Ms(now))).ConfigureAwait(false))!;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var created = new AlertRule(id, chat, rule.Symbol, condition, rule.Cooldown, rule.Repeat, true, true, Sql.Time(Sql.Ms(now)), null);
        return new AddOutcome<AlertRule>([created], [], false, current.Count + 1);
    }

    public async Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        return key is null ? [] : await ListAlertsAsync(c, null, chat, key.Value, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<AlertRule>> ListAlertsAsync(SqliteConnection c, SqliteTransaction? tx, ChatAddress chat, long key, CancellationToken ct)
    {
        await using var cmd = c.Command(tx, $"SELECT {RuleColumns} FROM alert_rules a WHERE a.chat_key = $key ORDER BY a.id", ("$key", key));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<AlertRule>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(ReadRule(r, chat));
        }
        return list;
    }

    public Task<int> RemoveAlertsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken) =>
        RemoveAsync("alert_rules", chat, target, cancellationToken);

    public async Task<IReadOnlyList<WatchedRule>> GetRulesForSymbolAsync(Symbol symbol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT {RuleColumns}, {ChatColumns},
                   EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = a.chat_key AND (m.symbol = a.symbol OR m.symbol = '') AND m.until > $now)
            FROM alert_rules a JOIN chats c ON c.id = a.chat_key
            WHERE a.symbol = $symbol AND a.enabled = 1 AND c.active = 1
            ORDER BY a.id
            """, ("$symbol", symbol.Value), ("$now", Sql.Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<WatchedRule>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var chat = ReadChat(r, 13);
            list.Add(new WatchedRule(ReadRule(r, chat.Address), chat, r.GetInt64(21) != 0));
        }
        return list;
    }

    public async Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        foreach (var id in ruleIds)
        {
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 1 WHERE id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE alert_rules SET armed = 0, last_fired_at = $at, enabled = repeat WHERE id = $id AND armed = 1", cancellationToken,
            ("$at", Sql.Ms(firedAt)), ("$id", ruleId)).ConfigureAwait(false);
    }

    public async Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var chatKey = await c.ScalarAsync(tx, "SELECT chat_key FROM alert_rules WHERE id = $id AND armed = 1 AND enabled = 1", cancellationToken, ("$id", firing.RuleId)).ConfigureAwait(false) as long?;
        if (chatKey is null)
        {
            return AlertFiringOutcome.Stale;
        }
        var now = Sql.Ms(firing.FiredAt);
        await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 0, last_fired_at = $now, enabled = repeat WHERE id = $id", cancellationToken,
            ("$now", now), ("$id", firing.RuleId)).ConfigureAwait(false);
        AlertFiringOutcome outcome;
        if (firing.HoldUntil is { } until)
        {
            await HoldAsync(c, tx, chatKey.Value, firing, "quiet", Sql.Ms(until), cancellationToken).ConfigureAwait(false);
            outcome = AlertFiringOutcome.Held;
        }
        else
        {
            var windowStart = now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
            (string, object?)[] window = [("$key", chatKey), ("$kind", (int)OutboxKind.Alert), ("$from", windowStart)];
            var sentLastHour = (long)(await c.ScalarAsync(tx, "SELECT COUNT(*) FROM outbox WHERE chat_key = $key AND kind = $kind AND created_at > $from", cancellationToken, window).ConfigureAwait(false))!;
            if (sentLastHour >= firing.CapPerHour)
            {
                var oldest = (long)(await c.ScalarAsync(tx, "SELECT MIN(created_at) FROM outbox WHERE chat_key = $key AND kind = $kind AND created_at > $from", cancellationToken, window).ConfigureAwait(false))!;
                await HoldAsync(c, tx, chatKey.Value, firing, "cap", oldest + (long)TimeSpan.FromHours(1).TotalMilliseconds, cancellationToken).ConfigureAwait(false);
                outcome = AlertFiringOutcome.Held;
            }
            else
            {
                outcome = await InsertOutboxAsync(c, tx, chatKey.Value, firing.Message, firing.FiredAt, cancellationToken).ConfigureAwait(false)
                    ? AlertFiringOutcome.Enqueued
                    : AlertFiringOutcome.Duplicate;
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private static Task<int> HoldAsync(SqliteConnection c, SqliteTransaction tx, long chatKey, AlertFiring firing, string reason, long releaseAt, CancellationToken ct) =>
        c.ExecuteAsync(tx, "INSERT INTO held_alerts (chat_key, rule_id, reason, text, held_at, release_at) VALUES ($key, $rule, $reason, $text, $at, $release)", ct,
            ("$key", chatKey), ("$rule", firing.RuleId), ("$reason", reason), ("$text", firing.HeldText), ("$at", Sql.Ms(firing.FiredAt)), ("$release", releaseAt));

    public async Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT h.id, h.held_at, h.reason, h.text, h.chat_key, {ChatColumns}
            FROM held_alerts h JOIN chats c ON c.id = h.chat_key
            WHERE h.chat_key IN (SELECT chat_key FROM held_alerts GROUP BY chat_key HAVING MIN(release_at) <= $now)
            ORDER BY h.chat_key, h.id
            """, ("$now", Sql.Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(long, ChatSettings, HeldAlert)>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((r.GetInt64(4), ReadChat(r, 5), new HeldAlert(r.GetInt64(0), Sql.Time(r.GetInt64(1)), r.GetString(2), r.GetString(3))));
        }
        return HeldAlertBatches.Group(rows);
    }

    public async Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var deleted = 0;
        foreach (var alert in batch.Alerts)
        {
            deleted += await c.ExecuteAsync(tx, "DELETE FROM held_alerts WHERE id = $id", cancellationToken, ("$id", alert.Id)).ConfigureAwait(false);
        }
        if (deleted != batch.Alerts.Count)
        {
            return false; // Someone else released (part of) this batch: roll back, the next cycle sees the rest.
        }
        var inserted = await InsertOutboxAsync(c, tx, batch.ChatKey, summary, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
