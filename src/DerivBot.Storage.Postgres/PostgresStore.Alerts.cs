using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using Npgsql;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string RuleColumns = "a.id, a.symbol, a.metric, a.direction, a.threshold, a.window_seconds, a.state, a.cooldown_seconds, a.repeat, a.armed, a.enabled, a.created_at, a.last_fired_at";

    private static AlertRule ReadRule(NpgsqlDataReader r, ChatAddress chat) => new(
        r.GetInt64(0), chat, new Symbol(r.GetString(1)),
        new AlertCondition((AlertMetric)r.GetInt32(2), (AlertDirection)r.GetInt32(3), r.GetDecimal(4),
            r.IsDBNull(5) ? null : TimeSpan.FromSeconds(r.GetInt64(5)),
            r.IsDBNull(6) ? null : (QuadrantState)r.GetInt32(6)),
        TimeSpan.FromSeconds(r.GetInt64(7)), r.GetBoolean(8), r.GetBoolean(9), r.GetBoolean(10),
        PgSql.Time(r.GetInt64(11)), PgSql.TimeOrNull(r, 12));

    public async Task<AddOutcome<AlertRule>> AddAlertAsync(ChatAddress chat, NewAlertRule rule, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The chat row stays locked until commit: two instances adding at once cannot both pass the limit.
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken, forUpdate: true).ConfigureAwait(false);
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
        await using var insert = c.Command(tx, """
            INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, window_seconds, state, cooldown_seconds, repeat, armed, enabled, created_at)
            VALUES (@key, @symbol, @metric, @direction, @threshold, @window, @state, @cooldown, @repeat, true, true, @now) RETURNING id
            """,
            ("key", key), ("symbol", rule.Symbol.Value), ("metric", (int)condition.Metric), ("direction", (int)condition.Direction),
            ("threshold", condition.Threshold), ("cooldown", (long)rule.Cooldown.TotalSeconds), ("repeat", rule.Repeat), ("now", PgSql.Ms(now)));
        insert.Parameters.Add(new NpgsqlParameter<long?>("window", condition.Window is { } w ? (long)w.TotalSeconds : null) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        insert.Parameters.Add(new NpgsqlParameter<int?>("state", condition.State is { } s ? (int)s : null) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var created = new AlertRule(id, chat, rule.Symbol, condition, rule.Cooldown, rule.Repeat, true, true, PgSql.Time(PgSql.Ms(now)), null);
        return new AddOutcome<AlertRule>([created], [], false, current.Count + 1);
    }

    public async Task<IReadOnlyList<AlertRule>> ListAlertsAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        return key is null ? [] : await ListAlertsAsync(c, null, chat, key.Value, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<AlertRule>> ListAlertsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, ChatAddress chat, long key, CancellationToken ct)
    {
        await using var cmd = c.Command(tx, $"SELECT {RuleColumns} FROM alert_rules a WHERE a.chat_key = @key ORDER BY a.id", ("key", key));
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
                   EXISTS (SELECT 1 FROM mutes m WHERE m.chat_key = a.chat_key AND (m.symbol = a.symbol OR m.symbol = '') AND m.until > @now)
            FROM alert_rules a JOIN chats c ON c.id = a.chat_key
            WHERE a.symbol = @symbol AND a.enabled AND c.active
            ORDER BY a.id
            """, ("symbol", symbol.Value), ("now", PgSql.Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<WatchedRule>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var chat = ReadChat(r, 13);
            list.Add(new WatchedRule(ReadRule(r, chat.Address), chat, r.GetBoolean(21)));
        }
        return list;
    }

    public async Task RearmAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (ruleIds.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE alert_rules SET armed = true WHERE id = ANY(@ids)", cancellationToken, ("ids", ruleIds.ToArray())).ConfigureAwait(false);
    }

    public async Task SuppressAsync(long ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE alert_rules SET armed = false, last_fired_at = @at, enabled = repeat WHERE id = @id AND armed", cancellationToken,
            ("at", PgSql.Ms(firedAt)), ("id", ruleId)).ConfigureAwait(false);
    }

    public async Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = PgSql.Ms(firing.FiredAt);
        // Check and disarm in one statement: of two instances firing the same rule at once, one sees it armed.
        var chatKey = await c.ScalarAsync(tx, "UPDATE alert_rules SET armed = false, last_fired_at = @now, enabled = repeat WHERE id = @id AND armed AND enabled RETURNING chat_key",
            cancellationToken, ("now", now), ("id", firing.RuleId)).ConfigureAwait(false) as long?;
        if (chatKey is null)
        {
            return AlertFiringOutcome.Stale;
        }
        AlertFiringOutcome outcome;
        if (firing.HoldUntil is { } until)
        {
            await HoldAsync(c, tx, chatKey.Value, firing, "quiet", PgSql.Ms(until), cancellationToken).ConfigureAwait(false);
            outcome = AlertFiringOutcome.Held;
        }
        else
        {
            // The chat's row lock serialises the hourly cap per chat (SQLite serialises all writers).
            await c.ExecuteAsync(tx, "SELECT 1 FROM chats WHERE id = @key FOR UPDATE", cancellationToken, ("key", chatKey)).ConfigureAwait(false);
            var windowStart = now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
            (string, object?)[] window = [("key", chatKey), ("kind", (int)OutboxKind.Alert), ("from", windowStart)];
            var sentLastHour = (long)(await c.ScalarAsync(tx, "SELECT COUNT(*) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", cancellationToken, window).ConfigureAwait(false))!;
            if (sentLastHour >= firing.CapPerHour)
            {
                var oldest = (long)(await c.ScalarAsync(tx, "SELECT MIN(created_at) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", cancellationToken, window).ConfigureAwait(false))!;
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

    private static Task<int> HoldAsync(NpgsqlConnection c, NpgsqlTransaction tx, long chatKey, AlertFiring firing, string reason, long releaseAt, CancellationToken ct) =>
        c.ExecuteAsync(tx, "INSERT INTO held_alerts (chat_key, rule_id, reason, text, held_at, release_at) VALUES (@key, @rule, @reason, @text, @at, @release)", ct,
            ("key", chatKey), ("rule", firing.RuleId), ("reason", reason), ("text", firing.HeldText), ("at", PgSql.Ms(firing.FiredAt)), ("release", releaseAt));

    public async Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT h.id, h.held_at, h.reason, h.text, h.chat_key, {ChatColumns}
            FROM held_alerts h JOIN chats c ON c.id = h.chat_key
            WHERE h.chat_key IN (SELECT chat_key FROM held_alerts GROUP BY chat_key HAVING MIN(release_at) <= @now)
            ORDER BY h.chat_key, h.id
            """, ("now", PgSql.Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(long, ChatSettings, HeldAlert)>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((r.GetInt64(4), ReadChat(r, 5), new HeldAlert(r.GetInt64(0), PgSql.Time(r.GetInt64(1)), r.GetString(2), r.GetString(3))));
        }
        return HeldAlertBatches.Group(rows);
    }

    public async Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = batch.Alerts.Select(a => a.Id).ToArray();
        // Another instance releasing the same batch waits on these row locks and then deletes nothing.
        var deleted = await c.ExecuteAsync(tx, "DELETE FROM held_alerts WHERE id = ANY(@ids)", cancellationToken, ("ids", ids)).ConfigureAwait(false);
        if (deleted != batch.Alerts.Count)
        {
            return false; // Someone else released (part of) this batch: roll back, the next cycle sees the rest.
        }
        var inserted = await InsertOutboxAsync(c, tx, batch.ChatKey, summary, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
