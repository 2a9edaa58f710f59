using DerivBot.Application.Persistence;
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
        var existing = await ChatStatements.ReadAsync(c, null, chat, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _dialect.EnsureChatAsync(c, tx, chat, languageHint, cancellationToken).ConfigureAwait(false);
        var created = await ChatStatements.ReadAsync(c, tx, chat, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created!;
    }

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => WithConnectionAsync(c => ChatStatements.ReadAsync(c, null, chat, cancellationToken), cancellationToken);

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
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await ChatStatements.SetQuietHoursAsync(c, tx, key, start, end, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateChatAsync(ChatAddress chat, string assignments, string? value, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await using (var cmd = c.Command(tx, $"UPDATE chats SET {assignments}, updated_at = @now WHERE id = @id", ("now", DbValues.Ms(_clock.GetUtcNow())), ("id", key)))
        {
            if (assignments.Contains("@value", StringComparison.Ordinal))
            {
                cmd.Parameters.Add(new NpgsqlParameter<string>("value", value!));
            }
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> action, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await action(c).ConfigureAwait(false);
    }
}
