using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Npgsql;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ReadChatAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureChatAsync(c, tx, chat, languageHint, cancellationToken).ConfigureAwait(false);
        var created = await ReadChatAsync(c, tx, chat, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created!;
    }

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => WithConnectionAsync(c => ReadChatAsync(c, null, chat, cancellationToken), cancellationToken);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = false, inactive_reason = @value", reason, cancellationToken);

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = true, inactive_reason = NULL", null, cancellationToken);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "language = @value", language.ToCode(), cancellationToken);

    public async Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var key = await EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE chats SET quiet_start = @s, quiet_end = @e, updated_at = @now WHERE id = @id", cancellationToken,
            ("s", PgSql.TimeText(start)), ("e", PgSql.TimeText(end)), ("now", PgSql.Ms(_clock.GetUtcNow())), ("id", key)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateChatAsync(ChatAddress chat, string assignments, string? value, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        var key = await EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await using (var cmd = c.Command(tx, $"UPDATE chats SET {assignments}, updated_at = @now WHERE id = @id", ("now", PgSql.Ms(_clock.GetUtcNow())), ("id", key)))
        {
            if (assignments.Contains("@value", StringComparison.Ordinal))
            {
                cmd.Parameters.Add(new NpgsqlParameter<string>("value", value!));
            }
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
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
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var fromKey = await ChatKeyAsync(c, tx, from, cancellationToken, forUpdate: true).ConfigureAwait(false);
        if (fromKey is null)
        {
            return; // Already migrated (or never seen): nothing to move.
        }
        var toKey = await ChatKeyAsync(c, tx, to, cancellationToken, forUpdate: true).ConfigureAwait(false);
        var now = PgSql.Ms(_clock.GetUtcNow());
        if (toKey is null)
        {
            await c.ExecuteAsync(tx, "UPDATE chats SET platform = @platform, chat_id = @chat, thread_id = @thread, updated_at = @now WHERE id = @id",
                cancellationToken, [.. PgSql.ChatKeyParameters(to), ("now", now), ("id", fromKey)]).ConfigureAwait(false);
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
            await c.ExecuteAsync(tx, "UPDATE alert_rules SET chat_key = @to WHERE chat_key = @from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, """
                UPDATE mutes m SET chat_key = @to WHERE m.chat_key = @from
                  AND NOT EXISTS (SELECT 1 FROM mutes t WHERE t.chat_key = @to AND t.symbol = m.symbol)
                """, cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE outbox SET chat_key = @to WHERE chat_key = @from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "UPDATE held_alerts SET chat_key = @to WHERE chat_key = @from", cancellationToken, keys).ConfigureAwait(false);
            await c.ExecuteAsync(tx, "DELETE FROM chats WHERE id = @from", cancellationToken, keys).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> action, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await action(c).ConfigureAwait(false);
    }
}
