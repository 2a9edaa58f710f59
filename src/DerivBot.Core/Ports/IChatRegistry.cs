using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Core.Ports;

/// <summary>The bot's record of chats it talks to. Implemented by the storage adapter; chat adapters call it on platform events.</summary>
public interface IChatRegistry
{
    /// <summary>The chat's settings, creating the chat (active, UTC, <paramref name="languageHint"/> or English) on first contact.</summary>
    Task<ChatSettings> GetOrCreateAsync(ChatAddress chat, Language? languageHint, CancellationToken cancellationToken);

    /// <summary>Stop sending to a chat (blocked, kicked, deleted channel). Its data is kept.</summary>
    Task MarkInactiveAsync(ChatAddress chat, string reason, CancellationToken cancellationToken);

    /// <summary>A chat that talks to the bot again becomes active again.</summary>
    Task MarkActiveAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>Move a chat's settings, subscriptions, alerts and pending messages to a new id (Telegram group → supergroup).</summary>
    Task MigrateAsync(ChatAddress from, ChatAddress to, CancellationToken cancellationToken);
}
