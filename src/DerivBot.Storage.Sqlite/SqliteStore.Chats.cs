using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
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
        await using var tx = c.BeginTransaction();
        await _dialect.EnsureChatAsync(c, tx, chat, languageHint, cancellationToken).ConfigureAwait(false);
        var created = await ChatStatements.ReadAsync(c, tx, chat, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created!;
    }

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => WithConnectionAsync(c => ChatStatements.ReadAsync(c, null, chat, cancellationToken), cancellationToken);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = 0, inactive_reason = @value", reason, cancellationToken);

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "active = 1, inactive_reason = NULL", null, cancellationToken);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        UpdateChatAsync(chat, "language = @value", language.ToCode(), cancellationToken);

    public async Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, cancellationToken).ConfigureAwait(false);
        await ChatStatements.SetQuietHoursAsync(c, tx, key, start, end, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateChatAsync(ChatAddress chat, string assignments, object? value, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var key = await _dialect.EnsureChatAsync(c, tx, chat, null, ct).ConfigureAwait(false);
        await c.ExecuteAsync(tx, $"UPDATE chats SET {assignments}, updated_at = @now WHERE id = @id", ct,
            ("value", value), ("now", DbValues.Ms(_clock.GetUtcNow())), ("id", key)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
