using DerivBot.Application.Persistence;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken) =>
        ChatFlows.GetOrCreateAsync(_dialect, chat, languageHint, cancellationToken);

    public Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken) => ChatFlows.GetAsync(_dialect, chat, cancellationToken);

    public Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken) =>
        ChatFlows.MarkInactiveAsync(_dialect, chat, reason, cancellationToken);

    public Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken) => ChatFlows.MarkActiveAsync(_dialect, chat, cancellationToken);

    public Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken) =>
        ChatFlows.SetLanguageAsync(_dialect, chat, language, cancellationToken);

    public Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken) =>
        ChatFlows.SetQuietHoursAsync(_dialect, chat, start, end, cancellationToken);
}
