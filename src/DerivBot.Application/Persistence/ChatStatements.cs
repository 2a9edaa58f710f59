using System.Data.Common;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The chat-row statements both databases run alike (creating a row and locking it stay in each store).</summary>
public static class ChatStatements
{
    public static Task<ChatSettings?> ReadAsync(DbConnection c, DbTransaction? tx, ChatAddress chat, CancellationToken ct) =>
        c.QueryFirstAsync(tx, $"SELECT {ChatRows.Columns} FROM chats c WHERE c.platform = @platform AND c.chat_id = @chat AND c.thread_id = @thread",
            r => ChatRows.Read(r, 0), ct, DbValues.ChatKeyParameters(chat));

    public static Task<int> SetQuietHoursAsync(DbConnection c, DbTransaction tx, long key, TimeOnly? start, TimeOnly? end, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(tx, "UPDATE chats SET quiet_start = @s, quiet_end = @e, updated_at = @now WHERE id = @id", ct,
            ("s", DbValues.TimeText(start)), ("e", DbValues.TimeText(end)), ("now", DbValues.Ms(now)), ("id", key));

    public static Task<int> SetTimeZoneAsync(DbConnection c, DbTransaction tx, long key, string timeZone, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(tx, "UPDATE chats SET time_zone = @tz, updated_at = @now WHERE id = @id", ct,
            ("tz", timeZone), ("now", DbValues.Ms(now)), ("id", key));

    /// <summary>
    /// Moves the alert rules, outbox rows and held alerts of chat row <paramref name="fromKey"/> onto
    /// <paramref name="toKey"/> and deletes the old row (its subscriptions and mutes, which may clash with the new chat's,
    /// are the store's to move first).
    /// </summary>
    public static async Task MoveRestAndDeleteAsync(DbConnection c, DbTransaction tx, long fromKey, long toKey, CancellationToken ct)
    {
        (string, object?)[] keys = [("from", fromKey), ("to", toKey)];
        await c.ExecuteAsync(tx, "UPDATE alert_rules SET chat_key = @to WHERE chat_key = @from", ct, keys).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE outbox SET chat_key = @to WHERE chat_key = @from", ct, keys).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE held_alerts SET chat_key = @to WHERE chat_key = @from", ct, keys).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "DELETE FROM chats WHERE id = @from", ct, keys).ConfigureAwait(false);
    }
}
