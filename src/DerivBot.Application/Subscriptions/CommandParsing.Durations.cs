using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

// Durations ("4h", "1h30m", "2小時") and times of day ("08:00", "8am").
public static partial class CommandParsing
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*([a-z\p{IsCJKUnifiedIdeographs}]+)")]
    private static partial Regex DurationPartRegex();

    /// <summary>"4h", "4 hours", "30m", "30 min", "1d", "1h30m", "2小時", "hour", "day".</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().ToLowerInvariant();
        switch (s)
        {
            case "hour" or "hourly" or "an hour" or "1 hour" or "小時" or "小时" or "每小時" or "每小时":
                duration = TimeSpan.FromHours(1);
                return true;
            case "day" or "a day" or "天" or "日":
                duration = TimeSpan.FromDays(1);
                return true;
            case "week" or "週" or "周":
                duration = TimeSpan.FromDays(7);
                return true;
        }
        var rest = s.Replace(" ", "", StringComparison.Ordinal);
        var matches = DurationPartRegex().Matches(rest);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != rest.Length)
        {
            return false;
        }
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            TimeSpan unit;
            switch (m.Groups[2].Value)
            {
                case "m" or "min" or "mins" or "minute" or "minutes" or "分" or "分鐘" or "分钟":
                    unit = TimeSpan.FromMinutes(1);
                    break;
                case "h" or "hr" or "hrs" or "hour" or "hours" or "小時" or "小时" or "時" or "时":
                    unit = TimeSpan.FromHours(1);
                    break;
                case "d" or "day" or "days" or "天" or "日":
                    unit = TimeSpan.FromDays(1);
                    break;
                case "w" or "week" or "weeks" or "週" or "周":
                    unit = TimeSpan.FromDays(7);
                    break;
                default:
                    return false;
            }
            duration += TimeSpan.FromTicks((long)(unit.Ticks * value));
        }
        duration = TimeSpan.FromMinutes(Math.Round(duration.TotalMinutes));
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")]
    private static partial Regex TimeRegex();

    /// <summary>"08:00", "8:00", "8am", "20", "8pm".</summary>
    public static bool TryParseTime(string? text, out TimeOnly time, bool requireMarker = false)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = TimeRegex().Match(text.Trim().ToLowerInvariant());
        if (!m.Success || (requireMarker && !m.Groups[2].Success && !m.Groups[3].Success))
        {
            return false;
        }
        var hour = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups[3].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }
            hour = (hour % 12) + (m.Groups[3].Value == "pm" ? 12 : 0);
        }
        if (hour > 23 || minute > 59)
        {
            return false;
        }
        time = new TimeOnly(hour, minute);
        return true;
    }
}
