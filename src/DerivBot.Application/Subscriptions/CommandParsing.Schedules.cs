using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

// Digest schedules ("every 4h", "daily 08:00", "weekly mon 08:00") and week days.
public static partial class CommandParsing
{
    /// <summary>
    /// A schedule from the words after the report kind: "every 4h", "every 4 hours", "4h", "hourly", "daily 08:00",
    /// "at 8:00", "08:00", "每天 08:00". Empty text gives the default (every 4h) with <paramref name="given"/> false.
    /// </summary>
    public static bool TryParseSchedule(IReadOnlyList<string> tokens, out DigestSchedule schedule, out bool given)
    {
        schedule = DigestSchedule.Every(TimeSpan.FromHours(4));
        given = tokens.Count > 0;
        if (!given)
        {
            return true;
        }
        var words = tokens.ToList();
        // "weekly sun 20:00", "weekly sunday 8pm", "每週日 20:00": one day of the week, a local time (midnight when none).
        if (words[0] is "weekly" or "week" or "每週" or "每周" or "週" or "周")
        {
            if (words.Count >= 2 && TryParseWeekDay(words[1], out var weekDay))
            {
                var timeText = string.Join(' ', words.Skip(2));
                if (timeText.Length == 0)
                {
                    schedule = DigestSchedule.WeeklyOn(weekDay, new TimeOnly(0, 0));
                    return true;
                }
                if (TryParseTime(timeText, out var at))
                {
                    schedule = DigestSchedule.WeeklyOn(weekDay, at);
                    return true;
                }
            }
            return false;
        }
        var daily = false;
        while (words.Count > 0 && words[0] is "every" or "each" or "per" or "每" or "at" or "@" or "daily" or "day" or "每天" or "每日" or "天天")
        {
            daily |= words[0] is "daily" or "每天" or "每日" or "天天" or "at" or "@" || (words[0] == "day" && words.Count > 1);
            words.RemoveAt(0);
        }
        var rest = string.Join(' ', words);
        if (rest.StartsWith('每'))
        {
            rest = rest[1..];
        }
        if (rest.Length == 0)
        {
            if (daily || tokens[^1] is "daily" or "day" or "每天" or "每日")
            {
                schedule = DigestSchedule.DailyAt(new TimeOnly(0, 0));
                return true;
            }
            return false;
        }
        if (TryParseTime(rest, out var time, requireMarker: !daily))
        {
            schedule = DigestSchedule.DailyAt(time);
            return true;
        }
        if (!daily && TryParseDuration(rest, out var interval))
        {
            schedule = DigestSchedule.Every(interval);
            return true;
        }
        return false;
    }

    /// <summary>"sun", "sunday", "日", "週日", "周日", "星期日" … (Sunday to Saturday).</summary>
    public static bool TryParseWeekDay(string token, out DayOfWeek day)
    {
        var t = token.ToLowerInvariant().TrimStart('週', '周').Replace("星期", "", StringComparison.Ordinal).Replace("禮拜", "", StringComparison.Ordinal).Replace("礼拜", "", StringComparison.Ordinal);
        int? index = t switch
        {
            "sun" or "sunday" or "日" or "天" => 0,
            "mon" or "monday" or "一" => 1,
            "tue" or "tues" or "tuesday" or "二" => 2,
            "wed" or "wednesday" or "三" => 3,
            "thu" or "thur" or "thurs" or "thursday" or "四" => 4,
            "fri" or "friday" or "五" => 5,
            "sat" or "saturday" or "六" => 6,
            _ => null,
        };
        day = (DayOfWeek)(index ?? 0);
        return index is not null;
    }
}
