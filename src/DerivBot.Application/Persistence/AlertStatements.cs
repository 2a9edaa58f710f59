using System.Data.Common;
using DerivBot.Application.Alerts;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The alert statements both databases run alike (the check-and-disarm and boolean writes stay in each store).</summary>
public static class AlertStatements
{
    /// <summary>The chat's rules (chat row key <paramref name="key"/>), oldest first.</summary>
    public static async Task<List<AlertRule>> ListAsync(DbConnection c, DbTransaction? tx, ChatAddress chat, long key,
        Func<DbDataReader, int, decimal> readDecimal, CancellationToken ct) =>
        await c.QueryAsync(tx, $"SELECT {AlertRows.Columns} FROM alert_rules a WHERE a.chat_key = @key ORDER BY a.id",
            r => AlertRows.Read(r, chat, readDecimal), ct, ("key", key)).ConfigureAwait(false);

    public static Task<int> HoldAsync(DbConnection c, DbTransaction tx, long chatKey, AlertFiring firing, string reason, long releaseAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(firing);
        return c.ExecuteAsync(tx, "INSERT INTO held_alerts (chat_key, rule_id, reason, text, held_at, release_at) VALUES (@key, @rule, @reason, @text, @at, @release)", ct,
            ("key", chatKey), ("rule", firing.RuleId), ("reason", reason), ("text", firing.HeldText), ("at", DbValues.Ms(firing.FiredAt)), ("release", releaseAt));
    }

    /// <summary>Held alerts of every chat whose earliest release time has come, grouped into one batch per chat.</summary>
    public static async Task<IReadOnlyList<HeldAlertBatch>> GetReleasableHeldAsync(DbConnection c, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await c.QueryAsync(null, $"""
            SELECT {AlertRows.HeldColumns}
            FROM held_alerts h JOIN chats c ON c.id = h.chat_key
            WHERE h.chat_key IN (SELECT chat_key FROM held_alerts GROUP BY chat_key HAVING MIN(release_at) <= @now)
            ORDER BY h.chat_key, h.id
            """, AlertRows.ReadHeld, ct, ("now", DbValues.Ms(now))).ConfigureAwait(false);
        return HeldAlertBatches.Group(rows);
    }
}
