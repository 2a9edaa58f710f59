namespace DerivBot.Telegram.Sending;

/// <summary>Which lane of the send queue a message waits in.</summary>
public enum TelegramSendPriority
{
    /// <summary>An answer to something a user just did (command replies, edits): goes before any waiting broadcast.</summary>
    Reply,
    /// <summary>Subscriptions, alerts, digests: uses whatever global capacity replies leave.</summary>
    Broadcast,
}
