using System.Data.Common;
using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Persistence;

/// <summary>
/// How the stores write and read values that both databases keep the same way: times as Unix milliseconds
/// (<c>bigint</c>), chat keys as text with an empty thread for "none", quiet hours as <c>HH:mm</c>.
/// </summary>
public static class DbValues
{
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset Time(this DbDataReader r, int i) => Time(r.GetInt64(i));

    public static DateTimeOffset? TimeOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.GetInt64(i));

    public static string? StringOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>A count column (<c>COUNT(*)</c>, <c>SUM</c>): 64-bit in both databases, an int here.</summary>
    public static int Count(this DbDataReader r, int i) => checked((int)r.GetInt64(i));

    public static string Thread(ChatAddress chat) => chat.ThreadId ?? string.Empty;

    public static string Platform(ChatPlatform platform) => platform.ToString();

    public static ChatAddress Address(string platform, string chatId, string thread) =>
        new(Enum.Parse<ChatPlatform>(platform), chatId, thread.Length == 0 ? null : thread);

    /// <summary>The chat address of three text columns from <paramref name="offset"/>: platform, chat id, thread id.</summary>
    public static ChatAddress Address(this DbDataReader r, int offset) => Address(r.GetString(offset), r.GetString(offset + 1), r.GetString(offset + 2));

    public static Language Language(string code) => LanguageExtensions.TryParse(code, out var l) ? l : Core.Localization.Language.En;

    public static string? TimeText(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static TimeOnly? TimeOnlyOrNull(this DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : TimeOnly.ParseExact(r.GetString(i), "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The <c>@platform</c>, <c>@chat</c> and <c>@thread</c> parameters of a chat key.</summary>
    public static (string Name, object? Value)[] ChatKeyParameters(ChatAddress chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return [("platform", Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", Thread(chat))];
    }
}
