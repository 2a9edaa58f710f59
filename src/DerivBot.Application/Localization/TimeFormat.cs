using DerivBot.Core.Localization;
using System.Globalization;

namespace DerivBot.Application.Localization;

/// <summary>
/// Times in the chat's zone and localized durations. Instants are shown as "2025-10-10 16:00 UTC+8" in every language;
/// durations and countdowns come from the resource files ("in 2h 13m", "2小時13分後", "2小时13分后").
/// </summary>
public static class TimeFormat
{
    /// <summary>"yyyy-MM-dd HH:mm" in <paramref name="zone"/> followed by the zone's UTC offset label.</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + OffsetLabel(local.Offset);
    }

    /// <summary>"HH:mm" in <paramref name="zone"/> (for compact lists).</summary>
    public static string Clock(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"UTC", "UTC+8", "UTC+5:30", "UTC-3".</summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }

    /// <summary>A duration rounded down to minutes: "2h 13m", "1d 4h", "13m", "&lt;1m" (localized).</summary>
    public static string Duration(TimeSpan span, Texts t)
    {
        var d = span.Duration();
        var inv = CultureInfo.InvariantCulture;
        if (d.TotalDays >= 1)
        {
            return t.Get("duration.daysHours", ("d", ((int)d.TotalDays).ToString(inv)), ("h", d.Hours.ToString(inv)));
        }
        if (d.TotalHours >= 1)
        {
            return t.Get("duration.hoursMinutes", ("h", d.Hours.ToString(inv)), ("m", d.Minutes.ToString(inv)));
        }
        if (d.TotalMinutes >= 1)
        {
            return t.Get("duration.minutes", ("m", d.Minutes.ToString(inv)));
        }
        return t["duration.lessThanMinute"];
    }

    /// <summary>"in 2h 13m" for a future instant, "now" when due.</summary>
    public static string Countdown(DateTimeOffset target, DateTimeOffset now, Texts t) =>
        target > now ? t.Get("time.in", ("duration", Duration(target - now, t))) : t["time.dueNow"];

    /// <summary>"5m ago".</summary>
    public static string Ago(DateTimeOffset past, DateTimeOffset now, Texts t) =>
        t.Get("time.ago", ("duration", Duration(now - past, t)));

    /// <summary>
    /// The zone for a stored time-zone setting: the ONE resolver (<see cref="Subscriptions.TimeZones.Find"/>), so an IANA id
    /// (<c>Asia/Taipei</c>) and a fixed offset (<c>UTC+08:00</c>, as <c>/tz UTC+8</c> stores it) print the same local
    /// times; UTC when the id is empty or unknown.
    /// </summary>
    public static TimeZoneInfo ZoneOrUtc(string? storedId) => Subscriptions.TimeZones.Find(storedId);
}
