using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>The mute reads and writes both stores run alike; the dialect supplies the upsert and the byte-order collation.</summary>
public static class MuteFlows
{
    public static async Task MuteAsync(StoreDialect dialect, ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await c.ExecuteAsync(tx, dialect.UpsertMuteSql, ct,
            ("key", key), ("symbol", symbol?.Value ?? ""), ("until", DbValues.Ms(until))).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public static async Task<int> UnmuteAsync(StoreDialect dialect, ChatAddress chat, Symbol? symbol, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var key = await dialect.ChatKeyAsync(c, null, chat, ct).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        return await SubscriptionStatements.UnmuteAsync(c, key.Value, symbol, ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<Mute>> ListAsync(StoreDialect dialect, ChatAddress chat, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, $"""
            SELECT m.symbol, m.until FROM mutes m JOIN chats c ON c.id = m.chat_key
            WHERE c.platform = @platform AND c.chat_id = @chat AND c.thread_id = @thread AND m.until > @now ORDER BY m.symbol{dialect.OrdinalCollation}
            """, [.. DbValues.ChatKeyParameters(chat), ("now", DbValues.Ms(now))]);
        return await cmd.ReadAllAsync(ChatRows.ReadMute, ct).ConfigureAwait(false);
    }
}
