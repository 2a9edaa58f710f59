using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

/// <summary>
/// The embedded SQLite implementation of the storage ports and of <see cref="IChatRegistry"/>. Thread-safe: every call
/// uses its own pooled connection; writes are single BEGIN IMMEDIATE transactions.
/// </summary>
public sealed partial class SqliteStore : IChatRegistry, ISubscriptionStore, IAlertStore, IOutboxStore, IMarketHistoryStore, Core.Ports.IOptionsHistoryStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    public SqliteStore(SqliteDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
    }

    private static async Task<long?> ChatKeyAsync(SqliteConnection c, SqliteTransaction? tx, ChatAddress chat, CancellationToken ct) =>
        await c.ScalarAsync(tx, "SELECT id FROM chats WHERE platform = @platform AND chat_id = @chat AND thread_id = @thread", ct,
            DbValues.ChatKeyParameters(chat)).ConfigureAwait(false) as long?;

    private async Task<long> EnsureChatAsync(SqliteConnection c, SqliteTransaction tx, ChatAddress chat, Language? language, CancellationToken ct)
    {
        var now = DbValues.Ms(_clock.GetUtcNow());
        await c.ExecuteAsync(tx,
            "INSERT OR IGNORE INTO chats (platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at) VALUES (@platform, @chat, @thread, @lang, 'UTC', 1, @now, @now)",
            ct, [.. DbValues.ChatKeyParameters(chat), ("lang", (language ?? Language.En).ToCode()), ("now", now)]).ConfigureAwait(false);
        return (await ChatKeyAsync(c, tx, chat, ct).ConfigureAwait(false))!.Value;
    }

    private async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, Task<T>> action, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await action(c).ConfigureAwait(false);
    }
}
