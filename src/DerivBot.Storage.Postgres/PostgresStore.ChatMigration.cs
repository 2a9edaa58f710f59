using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from == to)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var fromKey = await _dialect.ChatKeyAsync(c, tx, from, cancellationToken, forUpdate: true).ConfigureAwait(false);
        if (fromKey is null)
        {
            return; // Already migrated (or never seen): nothing to move.
        }
        var toKey = await _dialect.ChatKeyAsync(c, tx, to, cancellationToken, forUpdate: true).ConfigureAwait(false);
        var now = DbValues.Ms(_clock.GetUtcNow());
        if (toKey is null)
        {
            await c.ExecuteAsync(tx, "UPDATE chats SET platform = @platform, chat_id = @chat, thread_id = @thread, updated_at = @now WHERE id = @id",
                cancellationToken, [.. DbValues.ChatKeyParameters(to), ("now", now), ("id", fromKey)]).ConfigureAwait(false);
        }
        else
        {
            // Both ids are known: move everything onto the new chat; duplicates of what it already has stay behind
            // and go with the old chat row (SQLite's UPDATE OR IGNORE).
            (string, object?)[] keys = [("from", fromKey), ("to", toKey)];
            await c.ExecuteAsync(tx, """
                UPDATE subscriptions s SET chat_key = @to WHERE s.chat_key = @from
                  AND NOT EXISTS (SELECT 1 FROM subscriptions t WHERE t.chat_key = @to AND t.symbol = s.symbol AND t.kind = s.kind AND t.schedule = s.schedule)
                """, cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, """
                UPDATE mutes m SET chat_key = @to WHERE m.chat_key = @from
                  AND NOT EXISTS (SELECT 1 FROM mutes t WHERE t.chat_key = @to AND t.symbol = m.symbol)
                """, cancellationToken, keys).ConfigureAwait(false);
            await ChatStatements.MoveRestAndDeleteAsync(c, tx, fromKey.Value, toKey.Value, cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
