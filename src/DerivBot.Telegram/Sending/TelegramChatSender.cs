using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Telegram.Sending;

/// <summary>Broadcasts (subscriptions, alerts, digests) to Telegram chats, paced through the send queue
/// (<see cref="TelegramSendQueue"/>) behind any waiting command replies.</summary>
public sealed class TelegramChatSender(TelegramMessenger messenger) : IChatSender
{
    public ChatPlatform Platform => ChatPlatform.Telegram;

    public Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (to.Platform != ChatPlatform.Telegram)
        {
            throw new ArgumentException($"TelegramChatSender cannot send to {to.Platform} chats.", nameof(to));
        }
        return messenger.SendAsync(to, message, TelegramSendPriority.Broadcast, cancellationToken);
    }
}
