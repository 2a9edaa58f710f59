using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Heads only: a later message of a chat waits for its head however due it is itself.
        var value = await c.ScalarAsync(null, """
            SELECT MIN(MAX(o.next_attempt_at, COALESCE(o.claimed_until, 0)))
            FROM outbox o JOIN chats c ON c.id = o.chat_key
            WHERE o.status = 0 AND c.platform = @platform
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_key = o.chat_key AND e.status = 0 AND e.id < o.id)
            """, cancellationToken, ("platform", DbValues.Platform(platform))).ConfigureAwait(false);
        return value is long ms ? DbValues.Time(ms) : null;
    }
}
