using System.Globalization;

namespace DerivBot.Application.Subscriptions;

public sealed partial record DigestSchedule
{
    /// <summary>Storage form: <c>every:14400</c> (seconds), <c>daily:08:00</c> or <c>weekly:0:20:00</c> (day 0 = Sunday).</summary>
    public string ToStorage() => Kind switch
    {
        ScheduleKind.Daily => "daily:" + TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
        ScheduleKind.Weekly => "weekly:" + ((int)WeekDay).ToString(CultureInfo.InvariantCulture) + ":" + TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => "every:" + ((long)Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture),
    };

    public static DigestSchedule FromStorage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("daily:", StringComparison.Ordinal))
        {
            return DailyAt(TimeOnly.ParseExact(text["daily:".Length..], "HH:mm", CultureInfo.InvariantCulture));
        }
        if (text.StartsWith("weekly:", StringComparison.Ordinal) && text.Length > 9)
        {
            return WeeklyOn((DayOfWeek)int.Parse(text[7..8], CultureInfo.InvariantCulture), TimeOnly.ParseExact(text[9..], "HH:mm", CultureInfo.InvariantCulture));
        }
        if (text.StartsWith("every:", StringComparison.Ordinal))
        {
            return Every(TimeSpan.FromSeconds(long.Parse(text["every:".Length..], CultureInfo.InvariantCulture)));
        }
        throw new FormatException($"Unknown schedule '{text}'.");
    }

    /// <summary>Compact duration: 4h, 30m, 1d, 1h30m.</summary>
    public static string FormatDuration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return ((long)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        }
        if (span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }
        if (span < TimeSpan.FromHours(1) && span.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        }
        if (span.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h" + span.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        }
        return ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
