namespace DerivBot.Application.Subscriptions;

public enum ScheduleKind
{
    /// <summary>Every <see cref="DigestSchedule.Interval"/>, aligned to the chat's local midnight when it divides a day.</summary>
    Interval = 0,
    /// <summary>Once a day at <see cref="DigestSchedule.TimeOfDay"/> in the chat's time zone.</summary>
    Daily = 1,
    /// <summary>Once a week on <see cref="DigestSchedule.WeekDay"/> at <see cref="DigestSchedule.TimeOfDay"/> in the chat's time zone.</summary>
    Weekly = 2,
}

/// <summary>
/// When a subscription fires. Intervals that divide 24 h are aligned to the chat's local midnight ("every 4h" fires at
/// 00:00, 04:00, … local), so every chat with the same schedule and zone fires together and each digest is rendered once
/// for all of them; other intervals are aligned to the Unix epoch.
/// </summary>
public sealed partial record DigestSchedule(ScheduleKind Kind, TimeSpan Interval, TimeOnly TimeOfDay)
{
    /// <summary>The local day of a <see cref="ScheduleKind.Weekly"/> schedule (Sunday otherwise, unused).</summary>
    public DayOfWeek WeekDay { get; init; }

    public static DigestSchedule WeeklyOn(DayOfWeek day, TimeOnly time) => new(ScheduleKind.Weekly, TimeSpan.FromDays(7), time) { WeekDay = day };

    public static DigestSchedule Every(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new(ScheduleKind.Interval, interval, default);
    }

    public static DigestSchedule DailyAt(TimeOnly time) => new(ScheduleKind.Daily, TimeSpan.FromDays(1), time);

    /// <summary>The first due time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        after = after.ToUniversalTime();
        return Kind switch
        {
            ScheduleKind.Daily => NextDaily(after, zone),
            ScheduleKind.Weekly => NextWeekly(after, zone),
            _ => NextInterval(after, zone),
        };
    }

    private DateTimeOffset NextWeekly(DateTimeOffset after, TimeZoneInfo zone)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = -1; day <= 8; day++)
        {
            var date = localDate.AddDays(day);
            if (date.DayOfWeek != WeekDay)
            {
                continue;
            }
            var candidate = ToUtc(date.ToDateTime(TimeOfDay), zone);
            if (candidate > after)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("unreachable: a weekly time recurs within eight days");
    }

    private DateTimeOffset NextInterval(DateTimeOffset after, TimeZoneInfo zone)
    {
        DateTimeOffset anchor;
        if (TimeSpan.TicksPerDay % Interval.Ticks == 0)
        {
            var local = TimeZoneInfo.ConvertTime(after, zone);
            anchor = after - local.TimeOfDay;
        }
        else
        {
            anchor = DateTimeOffset.UnixEpoch;
        }
        var steps = (after - anchor).Ticks / Interval.Ticks + 1;
        var candidate = anchor + TimeSpan.FromTicks(steps * Interval.Ticks);
        while (candidate <= after)
        {
            candidate += Interval;
        }
        return candidate;
    }

    private DateTimeOffset NextDaily(DateTimeOffset after, TimeZoneInfo zone)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = -1; day <= 2; day++)
        {
            var candidate = ToUtc(localDate.AddDays(day).ToDateTime(TimeOfDay), zone);
            if (candidate > after)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("unreachable: a daily time recurs within two days");
    }

    /// <summary>Local wall time to UTC; a time skipped by a DST jump moves forward by the jump.</summary>
    internal static DateTimeOffset ToUtc(DateTime localUnspecified, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localUnspecified, DateTimeKind.Unspecified);
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 8)
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
