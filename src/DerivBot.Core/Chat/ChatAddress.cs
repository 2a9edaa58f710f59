using DerivBot.Core.Localization;

namespace DerivBot.Core.Chat;

public enum ChatPlatform { Telegram, Discord, Console }

/// <summary>Where a message goes: a Telegram chat (optionally a forum topic) or a Discord channel.</summary>
/// <param name="ChatId">Telegram chat id (decimal int64 as text) or Discord channel snowflake.</param>
/// <param name="ThreadId">Telegram <c>message_thread_id</c> of a forum topic; null for the main chat.</param>
public sealed record ChatAddress(ChatPlatform Platform, string ChatId, string? ThreadId = null)
{
    public override string ToString() => ThreadId is null ? $"{Platform}:{ChatId}" : $"{Platform}:{ChatId}/{ThreadId}";
}

/// <summary>The kind of conversation a command came from; it decides who may change settings.</summary>
public enum ChatKind
{
    /// <summary>Telegram private chat or Discord DM: the user owns the settings.</summary>
    Private,
    /// <summary>Telegram group/supergroup or a Discord guild channel: admins only.</summary>
    Group,
    /// <summary>Telegram channel: posts come from admins by nature.</summary>
    Channel,
}

/// <summary>Per-chat settings as stored.</summary>
/// <param name="TimeZone">IANA zone id, e.g. <c>Asia/Taipei</c>.</param>
/// <param name="QuietStart">Start of quiet hours in the chat's time zone, or null.</param>
/// <param name="QuietEnd">End of quiet hours in the chat's time zone, or null.</param>
public sealed record ChatSettings(
    ChatAddress Address,
    Language Language,
    string TimeZone,
    bool Active,
    TimeOnly? QuietStart = null,
    TimeOnly? QuietEnd = null);
