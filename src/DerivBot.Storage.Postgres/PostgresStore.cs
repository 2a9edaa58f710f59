using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Npgsql;

namespace DerivBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL implementation of the storage ports and of <see cref="IChatRegistry"/> — the same ports and the same
/// behaviour as <c>SqliteStore</c>, for several instances of the bot on one database. Thread-safe: every call uses its
/// own pooled connection. Split per area exactly like <c>SqliteStore</c> (<c>PostgresStore.Outbox.cs</c>, …).
/// SQLite serialises writers (BEGIN IMMEDIATE); PostgreSQL runs them side by side (READ COMMITTED), so where a
/// write depends on what it read (a chat's limit, a rule still armed) the row is locked or the check is part of the
/// UPDATE itself.
/// </summary>
public sealed partial class PostgresStore : IChatRegistry, ISubscriptionStore, IAlertStore, IOutboxStore, IMarketHistoryStore, IOptionsHistoryStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _clock;

    public PostgresStore(PostgresDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
    }

    private static async Task<long?> ChatKeyAsync(NpgsqlConnection c, NpgsqlTransaction? tx, ChatAddress chat, CancellationToken ct, bool forUpdate = false) =>
        await c.ScalarAsync(tx, "SELECT id FROM chats WHERE platform = @platform AND chat_id = @chat AND thread_id = @thread" + (forUpdate ? " FOR UPDATE" : ""), ct,
            DbValues.ChatKeyParameters(chat)).ConfigureAwait(false) as long?;

    /// <summary>
    /// The chat's key, creating the row when missing. <paramref name="forUpdate"/> locks the row until the transaction
    /// ends: writes that check a per-chat limit first are then serialised per chat, as SQLite serialises all writers.
    /// </summary>
    private async Task<long> EnsureChatAsync(NpgsqlConnection c, NpgsqlTransaction tx, ChatAddress chat, Language? language, CancellationToken ct, bool forUpdate = false)
    {
        var now = DbValues.Ms(_clock.GetUtcNow());
        await c.ExecuteAsync(tx,
            "INSERT INTO chats (platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at) VALUES (@platform, @chat, @thread, @lang, 'UTC', true, @now, @now) ON CONFLICT DO NOTHING",
            ct, [.. DbValues.ChatKeyParameters(chat), ("lang", (language ?? Language.En).ToCode()), ("now", now)]).ConfigureAwait(false);
        return (await ChatKeyAsync(c, tx, chat, ct, forUpdate).ConfigureAwait(false))!.Value;
    }
}
