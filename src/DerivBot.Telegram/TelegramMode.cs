namespace DerivBot.Telegram;

/// <summary>How updates reach us.</summary>
public enum TelegramMode
{
    /// <summary>Long polling with getUpdates (default; works behind NAT, no public URL needed).</summary>
    Polling,
    /// <summary>Telegram POSTs updates to <see cref="TelegramOptions.WebhookUrl"/>; the host's shared listener (<c>Http:Listen</c>) serves its path.</summary>
    Webhook,
}
