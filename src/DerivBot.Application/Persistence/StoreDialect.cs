using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Persistence;

/// <summary>
/// What a store does its own way inside what both stores share (<see cref="RelationalStore"/> and the flows it runs,
/// <see cref="DigestFlows"/>, …): how a connection and a write transaction are opened, boolean literals, row locks, and
/// the steps whose SQL differs (creating a chat row, adding an outbox row). One instance per store, implemented once
/// in each store project. SQLite serialises writers (BEGIN IMMEDIATE), so its locks are empty; PostgreSQL runs
/// writers side by side (READ COMMITTED), so where a write depends on what it read the row is locked
/// (<see cref="LockClause"/>, <see cref="LockChatAsync"/>) or the check is part of the UPDATE itself
/// (<see cref="DisarmRuleAsync"/>).
/// </summary>
public abstract class StoreDialect
{
    protected StoreDialect(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
    }

    public TimeProvider Clock { get; }

    /// <summary>SQL for a true boolean value: <c>1</c> in SQLite, <c>true</c> in PostgreSQL.</summary>
    public abstract string True { get; }

    /// <summary>SQL for a false boolean value: <c>0</c> in SQLite, <c>false</c> in PostgreSQL.</summary>
    public abstract string False { get; }

    /// <summary>A condition that <paramref name="column"/> (boolean) is set.</summary>
    public abstract string IsSet(string column);

    /// <summary>A condition that <paramref name="column"/> (boolean) is not set.</summary>
    public abstract string IsClear(string column);

    /// <summary>
    /// Appended to a SELECT of one row that a later write depends on: <c> FOR UPDATE</c> in PostgreSQL, nothing in
    /// SQLite (its write transaction already excludes every other writer).
    /// </summary>
    public abstract string LockClause { get; }

    /// <summary>The larger of two values as an SQL function name: <c>MAX</c> (scalar, two arguments) in SQLite, <c>GREATEST</c> in PostgreSQL.</summary>
    public abstract string Greatest { get; }

    /// <summary>How an INSERT that skips a row already there (unique key) begins: <c>INSERT OR IGNORE</c> in SQLite, <c>INSERT</c> in PostgreSQL.</summary>
    public abstract string InsertIgnoring { get; }

    /// <summary>How such an INSERT ends: nothing in SQLite, <c>ON CONFLICT DO NOTHING</c> in PostgreSQL.</summary>
    public abstract string OnConflictIgnore { get; }

    /// <summary>Appended to an ORDER BY of text: byte order in both (PostgreSQL's <c>COLLATE "C"</c>, whatever the database locale).</summary>
    public abstract string OrdinalCollation { get; }

    /// <summary>Adds or replaces the mute of (<c>@key</c>, <c>@symbol</c>) with <c>@until</c>.</summary>
    public abstract string UpsertMuteSql { get; }

    /// <summary>
    /// Moves the subscriptions of chat row <c>@from</c> onto <c>@to</c>, leaving behind those <c>@to</c> already has
    /// (they go with the old row).
    /// </summary>
    public abstract string MoveSubscriptionsSql { get; }

    /// <summary>Moves the mutes of chat row <c>@from</c> onto <c>@to</c>, leaving behind those <c>@to</c> already has.</summary>
    public abstract string MoveMutesSql { get; }

    /// <summary>An open connection on a migrated database.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A write transaction: BEGIN IMMEDIATE in SQLite (writers queue here), READ COMMITTED in PostgreSQL.</summary>
    public abstract ValueTask<DbTransaction> BeginAsync(DbConnection c, CancellationToken ct);

    /// <summary>A text parameter that may be null (PostgreSQL needs its type given for a null).</summary>
    public abstract DbParameter NullableText(string name, string? value);

    /// <summary>A decimal parameter that may be null, as the store keeps decimals (SQLite: invariant text; PostgreSQL: numeric).</summary>
    public abstract DbParameter NullableDecimal(string name, decimal? value);

    /// <summary>
    /// The chat's key, creating the row when missing. <paramref name="forUpdate"/> locks the row until the transaction
    /// ends (see <see cref="LockClause"/>): writes that check a per-chat limit first are then serialised per chat.
    /// </summary>
    public abstract Task<long> EnsureChatAsync(DbConnection c, DbTransaction tx, ChatAddress chat, Language? language, CancellationToken ct, bool forUpdate = false);

    /// <summary>Adds an outbox row unless its idempotency key is already there; true when a row was added.</summary>
    public abstract Task<bool> InsertOutboxAsync(DbConnection c, DbTransaction tx, long chatKey, OutboxDraft draft, DateTimeOffset now, CancellationToken ct);

    /// <summary>Adds an armed, enabled alert rule for chat row <paramref name="chatKey"/>; its id.</summary>
    public abstract Task<long> InsertAlertRuleAsync(DbConnection c, DbTransaction tx, long chatKey, NewAlertRule rule, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Disarms alert rule <paramref name="ruleId"/> (armed off, fired at <paramref name="nowMs"/>, disabled unless it
    /// repeats) if it is armed and enabled; its chat key, or null when it was not (stale). Of two writers disarming the
    /// same rule at once, exactly one gets the key.
    /// </summary>
    public abstract Task<long?> DisarmRuleAsync(DbConnection c, DbTransaction tx, long ruleId, long nowMs, CancellationToken ct);

    /// <summary>Locks chat row <paramref name="chatKey"/> until the transaction ends (nothing to do in SQLite).</summary>
    public abstract Task LockChatAsync(DbConnection c, DbTransaction tx, long chatKey, CancellationToken ct);

    /// <summary>The chat's key, or null when the chat has no row; <paramref name="forUpdate"/> locks the row (see <see cref="LockClause"/>).</summary>
    public async Task<long?> ChatKeyAsync(DbConnection c, DbTransaction? tx, ChatAddress chat, CancellationToken ct, bool forUpdate = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        return await c.ScalarAsync(tx, "SELECT id FROM chats WHERE platform = @platform AND chat_id = @chat AND thread_id = @thread" + (forUpdate ? LockClause : ""), ct,
            DbValues.ChatKeyParameters(chat)).ConfigureAwait(false) as long?;
    }

    /// <summary>A decimal column as the store keeps it (SQLite: invariant text; PostgreSQL: numeric).</summary>
    public abstract decimal ReadDecimal(DbDataReader r, int i);

    /// <summary>Runs <paramref name="action"/> on a connection of its own.</summary>
    public async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var c = await OpenAsync(ct).ConfigureAwait(false);
        return await action(c).ConfigureAwait(false);
    }
}
