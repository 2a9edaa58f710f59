using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

// Quiet hours: parsing a range and testing a local time against it.
public static partial class CommandParsing
{
    /// <summary>"23:00-07:00", "23-7", "23:00 07:00", "23:00 to 07:00". Null start/end with true result means "off".</summary>
    public static bool TryParseQuietHours(string? text, out TimeOnly? start, out TimeOnly? end)
    {
        start = end = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().ToLowerInvariant();
        if (s is "off" or "none" or "no" or "disable" or "關閉" or "关闭" or "關" or "关")
        {
            return true;
        }
        var parts = s.Replace("to", " ", StringComparison.Ordinal).Replace("至", " ", StringComparison.Ordinal)
            .Replace("~", " ", StringComparison.Ordinal).Replace("–", " ", StringComparison.Ordinal).Replace("-", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryParseTime(parts[0], out var a) || !TryParseTime(parts[1], out var b) || a == b)
        {
            return false;
        }
        start = a;
        end = b;
        return true;
    }

    /// <summary>True when <paramref name="localTime"/> falls in [start, end), wrapping midnight.</summary>
    public static bool InQuietHours(TimeOnly localTime, TimeOnly? start, TimeOnly? end)
    {
        if (start is not { } s || end is not { } e)
        {
            return false;
        }
        return s < e ? localTime >= s && localTime < e : localTime >= s || localTime < e;
    }
}
