using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the shared transaction flows: booleans as true/false, ON CONFLICT, typed nulls, and the locks
/// that stand in for SQLite's single writer — several instances write side by side (READ COMMITTED), so a write that
/// depends on what it read locks the row first (FOR UPDATE) or checks inside the UPDATE itself.
/// </summary>
internal sealed class PostgresDialect : StoreDialect
{
    private readonly PostgresDatabase _database;

    public PostgresDialect(PostgresDatabase database, TimeProvider clock) : base(clock) => _database = database;

    public override string True => "true";

    public override string False => "false";

    public override string IsSet(string column) => column;

    public override string IsClear(string column) => "NOT " + column;

    public override string Greatest => "GREATEST";

    public override string InsertIgnoring => "INSERT";

    public override string OnConflictIgnore => "ON CONFLICT DO NOTHING";

    public override string LockClause => " FOR UPDATE";

    /// <summary>COLLATE "C": byte order like SQLite, whatever locale the database was created with.</summary>
    public override string OrdinalCollation => " COLLATE \"C\"";

    public override string UpsertMuteSql => "INSERT INTO mutes (chat_key, symbol, until) VALUES (@key, @symbol, @until) ON CONFLICT (chat_key, symbol) DO UPDATE SET until = excluded.until";

    /// <summary>SQLite's UPDATE OR IGNORE: rows the new chat already has stay behind (and go with the old chat row).</summary>
    public override string MoveSubscriptionsSql => """
        UPDATE subscriptions s SET chat_key = @to WHERE s.chat_key = @from
          AND NOT EXISTS (SELECT 1 FROM subscriptions t WHERE t.chat_key = @to AND t.symbol = s.symbol AND t.kind = s.kind AND t.schedule = s.schedule)
        """;

    public override string MoveMutesSql => """
        UPDATE mutes m SET chat_key = @to WHERE m.chat_key = @from
          AND NOT EXISTS (SELECT 1 FROM mutes t WHERE t.chat_key = @to AND t.symbol = m.symbol)
        """;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _database.OpenAsync(ct).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginAsync(DbConnection c, CancellationToken ct) =>
        await c.BeginTransactionAsync(ct).ConfigureAwait(false);

    public override decimal ReadDecimal(DbDataReader r, int i) => PgSql.ReadDecimal(r, i);

    public override DbParameter NullableDecimal(string name, decimal? value) => PgSql.Typed(name, NpgsqlDbType.Numeric, value);

    public override DbParameter NullableText(string name, string? value) => PgSql.Typed(name, NpgsqlDbType.Text, value);

    public override async Task<long> EnsureChatAsync(DbConnection c, DbTransaction tx, ChatAddress chat, Language? language, CancellationToken ct, bool forUpdate = false)
    {
        var now = DbValues.Ms(Clock.GetUtcNow());
        await c.ExecuteAsync(tx,
            "INSERT INTO chats (platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at) VALUES (@platform, @chat, @thread, @lang, 'UTC', true, @now, @now) ON CONFLICT DO NOTHING",
            ct, [.. DbValues.ChatKeyParameters(chat), ("lang", (language ?? Language.En).ToCode()), ("now", now)]).ConfigureAwait(false);
        return (await ChatKeyAsync(c, tx, chat, ct, forUpdate).ConfigureAwait(false))!.Value;
    }

    /// <summary>INSERT … ON CONFLICT DO NOTHING on the idempotency key (SQLite's INSERT OR IGNORE); true when a row was added.</summary>
    public override async Task<bool> InsertOutboxAsync(DbConnection c, DbTransaction tx, long chatKey, OutboxDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var message = draft.Message;
        await using var cmd = c.Command(tx, """
            INSERT INTO outbox (chat_key, kind, idempotency_key, report_json, image_name, image_png, image_alt, silent, status, attempts, created_at, next_attempt_at)
            VALUES (@key, @kind, @idem, @report, @imageName, @imagePng, @imageAlt, @silent, 0, 0, @now, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            ("key", chatKey), ("kind", (int)draft.Kind), ("idem", draft.IdempotencyKey), ("report", ReportJson.Serialize(message.Report)),
            ("silent", message.Silent), ("now", DbValues.Ms(now)));
        cmd.Parameters.Add(PgSql.Typed("imageName", NpgsqlDbType.Text, message.Image?.FileName));
        cmd.Parameters.Add(PgSql.Typed("imagePng", NpgsqlDbType.Bytea, message.Image?.Png));
        cmd.Parameters.Add(PgSql.Typed("imageAlt", NpgsqlDbType.Text, message.Image?.AltText));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>The threshold as numeric; the nullable window and state typed (an untyped NULL leaves PostgreSQL guessing).</summary>
    public override async Task<long> InsertAlertRuleAsync(DbConnection c, DbTransaction tx, long chatKey, NewAlertRule rule, DateTimeOffset now, CancellationToken ct)
    {
        var condition = rule.Condition;
        await using var insert = c.Command(tx, """
            INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, window_seconds, state, cooldown_seconds, repeat, armed, enabled, created_at)
            VALUES (@key, @symbol, @metric, @direction, @threshold, @window, @state, @cooldown, @repeat, true, true, @now) RETURNING id
            """,
            ("key", chatKey), ("symbol", rule.Symbol.Value), ("metric", (int)condition.Metric), ("direction", (int)condition.Direction),
            ("threshold", condition.Threshold), ("cooldown", (long)rule.Cooldown.TotalSeconds), ("repeat", rule.Repeat), ("now", DbValues.Ms(now)));
        insert.Parameters.Add(new NpgsqlParameter<long?>("window", condition.Window is { } w ? (long)w.TotalSeconds : null) { NpgsqlDbType = NpgsqlDbType.Bigint });
        insert.Parameters.Add(new NpgsqlParameter<int?>("state", condition.State is { } s ? (int)s : null) { NpgsqlDbType = NpgsqlDbType.Integer });
        return (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Check and disarm in one statement: of two instances firing the same rule at once, one sees it armed.</summary>
    public override async Task<long?> DisarmRuleAsync(DbConnection c, DbTransaction tx, long ruleId, long nowMs, CancellationToken ct) =>
        await c.ScalarAsync(tx, "UPDATE alert_rules SET armed = false, last_fired_at = @now, enabled = repeat WHERE id = @id AND armed AND enabled RETURNING chat_key",
            ct, ("now", nowMs), ("id", ruleId)).ConfigureAwait(false) as long?;

    /// <summary>The chat's row lock serialises per-chat checks such as the hourly alert cap (SQLite serialises all writers).</summary>
    public override async Task LockChatAsync(DbConnection c, DbTransaction tx, long chatKey, CancellationToken ct) =>
        await c.ExecuteAsync(tx, "SELECT 1 FROM chats WHERE id = @key FOR UPDATE", ct, ("key", chatKey)).ConfigureAwait(false);
}
