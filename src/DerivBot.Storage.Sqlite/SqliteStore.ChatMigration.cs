using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
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
        await using var tx = c.BeginTransaction();
        var fromKey = await _dialect.ChatKeyAsync(c, tx, from, cancellationToken).ConfigureAwait(false);
        if (fromKey is null)
        {
            return; // Already migrated (or never seen): nothing to move.
        }
        var toKey = await _dialect.ChatKeyAsync(c, tx, to, cancellationToken).ConfigureAwait(false);
        var now = DbValues.Ms(_clock.GetUtcNow());
        if (toKey is null)
        {
            await c.ExecuteAsync(tx, "UPDATE chats SET platform = @platform, chat_id = @chat, thread_id = @thread, updated_at = @now WHERE id = @id",
                cancellationToken, [.. DbValues.ChatKeyParameters(to), ("now", now), ("id", fromKey)]).ConfigureAwait(false);
        }
        else
        {
            // Both ids are known: move everything onto the new chat; duplicates of what it already has are dropped.
            (string, object?)[] keys = [("from", fromKey), ("to", toKey)];
            await c.ExecuteAsync(tx, "UPDATE OR IGNORE subscriptions SET chat_key = @to WHERE chat_key = @from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE OR IGNORE mutes SET chat_key = @to WHERE chat_key = @from", cancellationToken, keys).ConfigureAwait(false);
            await ChatStatements.MoveRestAndDeleteAsync(c, tx, fromKey.Value, toKey.Value, cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
