using DerivBot.Application.Subscriptions;

namespace DerivBot.Application.Tests.Subscriptions;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    [Fact]
    public void NextAfter_Every4h_AlignsToLocalMidnight()
    {
        // 2025-10-10 01:30 UTC is 09:30 in Taipei: next 4h slot is 12:00 local = 04:00 UTC.
        var next = DigestSchedule.Every(TimeSpan.FromHours(4)).NextAfter(new DateTimeOffset(2025, 10, 10, 1, 30, 0, TimeSpan.Zero), Taipei);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 4, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_ExactlyOnSlot_IsStrictlyLater()
    {
        var at = new DateTimeOffset(2025, 10, 10, 4, 0, 0, TimeSpan.Zero);
        Assert.Equal(at.AddHours(4), DigestSchedule.Every(TimeSpan.FromHours(4)).NextAfter(at, TimeZoneInfo.Utc));
    }

    [Fact]
    public void NextAfter_Daily0800Taipei_IsMidnightUtc()
    {
        var schedule = DigestSchedule.DailyAt(new TimeOnly(8, 0));
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 0, 0, 0, TimeSpan.Zero),
            schedule.NextAfter(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero), Taipei));
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero),
            schedule.NextAfter(new DateTimeOffset(2025, 10, 9, 23, 59, 0, TimeSpan.Zero), Taipei));
    }

    [Fact]
    public void NextAfter_DailyInDstGap_MovesForward()
    {
        // New York springs forward on 2025-03-09: 02:30 does not exist that day.
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var next = DigestSchedule.DailyAt(new TimeOnly(2, 30)).NextAfter(new DateTimeOffset(2025, 3, 9, 5, 0, 0, TimeSpan.Zero), ny);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 7, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_IntervalNotDividingADay_AlignsToEpoch()
    {
        var schedule = DigestSchedule.Every(TimeSpan.FromHours(5));
        var next = schedule.NextAfter(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero), Taipei);
        Assert.Equal(0, (next - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.FromHours(5).Ticks);
    }

    [Theory]
    [InlineData("every:14400")]
    [InlineData("daily:08:00")]
    public void Storage_RoundTrips(string stored) => Assert.Equal(stored, DigestSchedule.FromStorage(stored).ToStorage());
}
