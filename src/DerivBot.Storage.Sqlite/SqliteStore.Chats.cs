using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
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
    // Columns of a chat row, in the order ReadChat expects them (prefix c.).
    private const string ChatColumns = "c.platform, c.chat_id, c.thread_id, c.language, c.time_zone, c.active, c.quiet_start, c.quiet_end";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    public SqliteStore(SqliteDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
    }

    private static ChatSettings ReadChat(SqliteDataReader r, int offset) => new(
        Sql.Address(r.GetString(offset), r.GetString(offset + 1), r.GetString(offset + 2)),
        Sql.Language(r.GetString(offset + 3)),
        r.GetString(offset + 4),
        r.GetInt64(offset + 5) != 0,
        Sql.TimeOnlyOrNull(r, offset + 6),
        Sql.TimeOnlyOrNull(r, offset + 7));

    private static async Task<long?> ChatKeyAsync(SqliteConnection c, SqliteTransaction? tx, ChatAddress chat, CancellationToken ct) =>
        await c.ScalarAsync(tx, "SELECT id FROM chats WHERE platform = $platform AND chat_id = $chat AND thread_id = $thread", ct,
            Sql.ChatKeyParameters(chat)).ConfigureAwait(false) as long?;

    private async Task<long> EnsureChatAsync(SqliteConnection c, SqliteTransaction tx, ChatAddress chat, Language? language, CancellationToken ct)
    {
        var now = Sql.Ms(_clock.GetUtcNow());
        await c.ExecuteAsync(tx,
            "INSERT OR IGNORE INTO chats (platform, chat_id, thread_id, language, time_zone, active, created_at, updated_at) VALUES ($platform, $chat, $thread, $lang, 'UTC', 1, $now, $now)",
            ct, [.. Sql.ChatKeyParameters(chat), ("$lang", (language ?? Language.En).ToCode()), ("$now", now)]).ConfigureAwait(false);
        return (await ChatKeyAsync(c, tx, chat, ct).ConfigureAwait(false))!.Value;
    }

    private static async Task<ChatSettings?> ReadChatAsync(SqliteConnection c, SqliteTransaction? tx, ChatAddress chat, CancellationToken ct)
    {
        await using var cmd = c.Command(tx, $"SELECT {ChatColumns} FROM chats c WHERE c.platform = $platform AND c.chat_id = $chat AND c.thread_id = $thread", Sql.ChatKeyParameters(chat));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? ReadChat(r, 0) : null;
    }

    public async Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ReadChatAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }
        await using var tx = c.BeginTransaction();
        await EnsureChatAsync(c, tx, chat, languageHint, cancellationToken).ConfigureAwait(false);
        var created = await ReadChatAsync(c, tx, chat, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created!;
    }

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => WithConnectionAsync(c => ReadChatAsync(c, null, chat, cancellationToken), cancellationToken);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = 0, inactive_reason = $value", reason, cancellationToken);

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = 1, inactive_reason = NULL", null, cancellationToken);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "language = $value", language.ToCode(), cancellationToken);

    public async Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE chats SET quiet_start = $s, quiet_end = $e, updated_at = $now WHERE id = $id", cancellationToken,
            ("$s", Sql.TimeText(start)), ("$e", Sql.TimeText(end)), ("$now", Sql.Ms(_clock.GetUtcNow())), ("$id", key)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateChatAsync(ChatAddress chat, string assignments, object? value, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await c.ExecuteAsync(tx, $"UPDATE chats SET {assignments}, updated_at = $now WHERE id = $id", ct,
            ("$value", value), ("$now", Sql.Ms(_clock.GetUtcNow())), ("$id", key)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from == to)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var fromKey = await ChatKeyAsync(c, tx, from, cancellationToken).ConfigureAwait(false);
        if (fromKey is null)
        {
            return; // Already migrated (or never seen): nothing to move.
        }
        var toKey = await ChatKeyAsync(c, tx, to, cancellationToken).ConfigureAwait(false);
        var now = Sql.Ms(_clock.GetUtcNow());
        if (toKey is null)
        {
            await c.ExecuteAsync(tx, "UPDATE chats SET platform = $platform, chat_id = $chat, thread_id = $thread, updated_at = $now WHERE id = $id",
                cancellationToken, [.. Sql.ChatKeyParameters(to), ("$now", now), ("$id", fromKey)]).ConfigureAwait(false);
        }
        else
        {
            // Both ids are known: move everything onto the new chat; duplicates of what it already has are dropped.
            (string, object?)[] keys = [("$from", fromKey), ("$to", toKey)];
            await c.ExecuteAsync(tx, "UPDATE OR IGNORE subscriptions SET chat_key = $to WHERE chat_key = $from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET chat_key = $to WHERE chat_key = $from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE OR IGNORE mutes SET chat_key = $to WHERE chat_key = $from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE outbox SET chat_key = $to WHERE chat_key = $from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE held_alerts SET chat_key = $to WHERE chat_key = $from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "DELETE FROM chats WHERE id = $from", cancellationToken, keys).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, Task<T>> action, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await action(c).ConfigureAwait(false);
    }
}
