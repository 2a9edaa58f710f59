using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

/// <summary>
/// SQLite's side of the shared transaction flows: booleans as 0/1, INSERT OR IGNORE / OR REPLACE, and no row locks —
/// every write runs in a BEGIN IMMEDIATE transaction, so one writer at a time sees and changes the file.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    private readonly SqliteDatabase _database;

    public SqliteDialect(SqliteDatabase database, TimeProvider clock) : base(clock) => _database = database;

    public override string True => "1";

    public override string False => "0";

    public override string IsSet(string column) => column + " = 1";

    public override string IsClear(string column) => column + " = 0";

    public override string Greatest => "MAX";

    public override string InsertIgnoring => "INSERT OR IGNORE";

    public override string OnConflictIgnore => "";

    public override string LockClause => "";

    public override string OrdinalCollation => ""; // BINARY, SQLite's default, is byte order.

    public override string UpsertMuteSql => "INSERT OR REPLACE INTO mutes (chat_key, symbol, until) VALUES (@key, @symbol, @until)";

    public override string MoveSubscriptionsSql => "UPDATE OR IGNORE subscriptions SET chat_key = @to WHERE chat_key = @from";

    public override string MoveMutesSql => "UPDATE OR IGNORE mutes SET chat_key = @to WHERE chat_key = @from";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _database.OpenAsync(ct).ConfigureAwait(false);

    /// <summary>BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken now, so writers queue on the busy timeout.</summary>
    public override ValueTask<DbTransaction> BeginAsync(DbConnection c, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)c).BeginTransaction(deferred: false));

    public override decimal ReadDecimal(DbDataReader r, int i) => Sql.ReadDecimal(r, i);

    public override DbParameter NullableDecimal(string name, decimal? value) => new SqliteParameter(DbCommands.ParameterName(name), value is { } v ? Sql.Dec(v) : DBNull.Value);

    public override DbParameter NullableText(string name, string? value) => new SqliteParameter(DbCommands.ParameterName(name), (object?)value ?? DBNull.Value);

    public override async Task<long> EnsureChatAsync(DbConnection c, DbTransaction tx, ChatAddress chat, Language? language, CancellationToken ct, bool forUpdate = false)
    {
        var now = DbValues.Ms(Clock.GetUtcNow());
        await c.ExecuteAsync(tx,
            "INSERT OR IGNORE INTO chats (platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at) VALUES (@platform, @chat, @thread, @lang, 'UTC', 1, @now, @now)",
            ct, [.. DbValues.ChatKeyParameters(chat), ("lang", (language ?? Language.En).ToCode()), ("now", now)]).ConfigureAwait(false);
        return (await ChatKeyAsync(c, tx, chat, ct).ConfigureAwait(false))!.Value;
    }

    /// <summary>INSERT OR IGNORE on the idempotency key; true when a row was added.</summary>
    public override async Task<bool> InsertOutboxAsync(DbConnection c, DbTransaction tx, long chatKey, OutboxDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var message = draft.Message;
        var rows = await c.ExecuteAsync(tx, """
            INSERT OR IGNORE INTO outbox (chat_key, kind, idempotency_key, report_json, image_name, image_png, image_alt, silent, status, attempts, created_at, next_attempt_at)
            VALUES (@key, @kind, @idem, @report, @imageName, @imagePng, @imageAlt, @silent, 0, 0, @now, @now)
            """, ct,
            ("key", chatKey), ("kind", (int)draft.Kind), ("idem", draft.IdempotencyKey), ("report", ReportJson.Serialize(message.Report)),
            ("imageName", message.Image?.FileName), ("imagePng", message.Image?.Png), ("imageAlt", message.Image?.AltText),
            ("silent", message.Silent ? 1 : 0), ("now", DbValues.Ms(now))).ConfigureAwait(false);
        return rows == 1;
    }

    /// <summary>The threshold as invariant text (see <see cref="Sql"/>), booleans as 0/1.</summary>
    public override async Task<long> InsertAlertRuleAsync(DbConnection c, DbTransaction tx, long chatKey, NewAlertRule rule, DateTimeOffset now, CancellationToken ct)
    {
        var condition = rule.Condition;
        return (long)(await c.ScalarAsync(tx, """
            INSERT INTO alert_rules (chat_key, symbol, metric, direction, threshold, window_seconds, state, cooldown_seconds, repeat, armed, enabled, created_at)
            VALUES (@key, @symbol, @metric, @direction, @threshold, @window, @state, @cooldown, @repeat, 1, 1, @now) RETURNING id
            """, ct,
            ("key", chatKey), ("symbol", rule.Symbol.Value), ("metric", (int)condition.Metric), ("direction", (int)condition.Direction),
            ("threshold", Sql.Dec(condition.Threshold)), ("window", condition.Window is { } w ? (long)w.TotalSeconds : null),
            ("state", condition.State is { } s ? (int)s : null), ("cooldown", (long)rule.Cooldown.TotalSeconds),
            ("repeat", rule.Repeat ? 1 : 0), ("now", DbValues.Ms(now))).ConfigureAwait(false))!;
    }

    /// <summary>Read, then disarm: safe because no other writer can run between the two (BEGIN IMMEDIATE).</summary>
    public override async Task<long?> DisarmRuleAsync(DbConnection c, DbTransaction tx, long ruleId, long nowMs, CancellationToken ct)
    {
        var chatKey = await c.ScalarAsync(tx, "SELECT chat_key FROM alert_rules WHERE id = @id AND armed = 1 AND enabled = 1", ct, ("id", ruleId)).ConfigureAwait(false) as long?;
        if (chatKey is not null)
        {
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 0, last_fired_at = @now, enabled = repeat WHERE id = @id", ct,
                ("now", nowMs), ("id", ruleId)).ConfigureAwait(false);
        }
        return chatKey;
    }

    /// <summary>Nothing to lock: the write transaction already excludes every other writer.</summary>
    public override Task LockChatAsync(DbConnection c, DbTransaction tx, long chatKey, CancellationToken ct) => Task.CompletedTask;
}
