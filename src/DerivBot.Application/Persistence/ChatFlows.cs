using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Persistence;

/// <summary>The chat-row transactions both stores run alike (<see cref="Core.Ports.IChatRegistry"/>); the dialect supplies what differs.</summary>
public static class ChatFlows
{
    public static async Task<ChatSettings> GetOrCreateAsync(StoreDialect dialect, ChatAddress chat, Language? languageHint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var existing = await ChatStatements.ReadAsync(c, null, chat, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        await dialect.EnsureChatAsync(c, tx, chat, languageHint, ct).ConfigureAwait(false);
        var created = await ChatStatements.ReadAsync(c, tx, chat, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return created!;
    }

    public static async Task<ChatSettings?> GetAsync(StoreDialect dialect, ChatAddress chat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        return await ChatStatements.ReadAsync(c, null, chat, ct).ConfigureAwait(false);
    }

    public static Task MarkInactiveAsync(StoreDialect dialect, ChatAddress chat, string reason, CancellationToken ct) =>
        UpdateAsync(dialect, chat, $"active = {dialect.False}, inactive_reason = @value", reason, ct);

    public static Task MarkActiveAsync(StoreDialect dialect, ChatAddress chat, CancellationToken ct) =>
        UpdateAsync(dialect, chat, $"active = {dialect.True}, inactive_reason = NULL", null, ct);

    public static Task SetLanguageAsync(StoreDialect dialect, ChatAddress chat, Language language, CancellationToken ct) =>
        UpdateAsync(dialect, chat, "language = @value", language.ToCode(), ct);

    public static async Task SetQuietHoursAsync(StoreDialect dialect, ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await ChatStatements.SetQuietHoursAsync(c, tx, key, start, end, dialect.Clock.GetUtcNow(), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets <paramref name="assignments"/> on the chat's row (created when missing); <c>@value</c> in them is <paramref name="value"/>.</summary>
    private static async Task UpdateAsync(StoreDialect dialect, ChatAddress chat, string assignments, string? value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var key = await dialect.EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await using (var cmd = c.Command(tx, $"UPDATE chats SET {assignments}, updated_at = @now WHERE id = @id", ("now", DbValues.Ms(dialect.Clock.GetUtcNow())), ("id", key)))
        {
            if (assignments.Contains("@value", StringComparison.Ordinal))
            {
                cmd.AddParameter("value", value);
            }
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves everything of chat <paramref name="from"/> onto <paramref name="to"/> (a group that became a supergroup):
    /// renames the row when <paramref name="to"/> has none, otherwise merges into it, dropping what it already has.
    /// Both rows are locked first (<see cref="StoreDialect.LockClause"/>).
    /// </summary>
    public static async Task MigrateAsync(StoreDialect dialect, ChatAddress from, ChatAddress to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from == to)
        {
            return;
        }
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var fromKey = await dialect.ChatKeyAsync(c, tx, from, ct, forUpdate: true).ConfigureAwait(false);
        if (fromKey is null)
        {
            return; // Already migrated (or never seen): nothing to move.
        }
        var toKey = await dialect.ChatKeyAsync(c, tx, to, ct, forUpdate: true).ConfigureAwait(false);
        var now = DbValues.Ms(dialect.Clock.GetUtcNow());
        if (toKey is null)
        {
            await c.ExecuteAsync(tx, "UPDATE chats SET platform = @platform, chat_id = @chat, thread_id = @thread, updated_at = @now WHERE id = @id",
                ct, [.. DbValues.ChatKeyParameters(to), ("now", now), ("id", fromKey)]).ConfigureAwait(false);
        }
        else
        {
            // Both ids are known: move everything onto the new chat; duplicates of what it already has stay behind
            // and go with the old chat row.
            (string, object?)[] keys = [("from", fromKey), ("to", toKey)];
            await c.ExecuteAsync(tx, dialect.MoveSubscriptionsSql, ct, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, dialect.MoveMutesSql, ct, keys).ConfigureAwait(false);
            await ChatStatements.MoveRestAndDeleteAsync(c, tx, fromKey.Value, toKey.Value, ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
