using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "INSERT OR REPLACE INTO mutes (chat_key, symbol, until) VALUES (@key, @symbol, @until)", cancellationToken,
            ("key", key), ("symbol", symbol?.Value ?? ""), ("until", DbValues.Ms(until))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = await _dialect.ChatKeyAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return 0;
        }
        return await SubscriptionStatements.UnmuteAsync(c, key.Value, symbol, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, """
            SELECT m.symbol, m.until FROM mutes m JOIN chats c ON c.id = m.chat_key
            WHERE c.platform = @platform AND c.chat_id = @chat AND c.thread_id = @thread AND m.until > @now ORDER BY m.symbol
            """, [.. DbValues.ChatKeyParameters(chat), ("now", DbValues.Ms(now))]);
        return await cmd.ReadAllAsync(ChatRows.ReadMute, cancellationToken).ConfigureAwait(false);
    }
}
