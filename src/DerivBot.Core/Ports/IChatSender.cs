using DerivBot.Core.Chat;
using DerivBot.Core.Reports;

namespace DerivBot.Core.Ports;

/// <summary>A message for a chat: a report, optionally with an image (the report becomes its caption/embed).</summary>
public sealed record OutboundMessage(Report Report, ChartImage? Image = null, bool Silent = false);

public enum SendStatus
{
    /// <summary>Delivered.</summary>
    Sent,
    /// <summary>The chat is gone for us (blocked, kicked, deleted, no access). The sender already marked it inactive.</summary>
    ChatGone,
    /// <summary>The platform asked us to wait; nothing was delivered. Try again after <see cref="SendResult.RetryAfter"/>.</summary>
    RetryLater,
    /// <summary>Permanent failure for this message (e.g. 400 for reasons other than migration). Do not retry.</summary>
    Failed,
}

/// <param name="MigratedTo">Set when the chat moved (Telegram supergroup upgrade) and the message was delivered there.</param>
public sealed record SendResult(SendStatus Status, string? Detail = null, TimeSpan? RetryAfter = null, ChatAddress? MigratedTo = null)
{
    public static SendResult Ok(ChatAddress? migratedTo = null) => new(SendStatus.Sent, MigratedTo: migratedTo);
}

/// <summary>
/// Sends to one platform, paced to that platform's limits (it waits for its slot rather than provoking 429s).
/// Implementations apply platform consequences themselves: a 403 marks the chat inactive through
/// <see cref="IChatRegistry"/>; a Telegram migration moves the chat and resends to the new id.
/// </summary>
public interface IChatSender
{
    ChatPlatform Platform { get; }

    Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken);
}
