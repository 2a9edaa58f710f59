using DerivBot.Application.Localization;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Tests.Localization;

public sealed class TimeFormatTests
{
    private static readonly DateTimeOffset Settlement = new(2025, 10, 10, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Language.En, "in 2h 13m")]
    [InlineData(Language.ZhTw, "2小時13分後")]
    [InlineData(Language.ZhCn, "2小时13分后")]
    public void Countdown_FutureInstant_IsLocalized(Language language, string expected) =>
        Assert.Equal(expected, TimeFormat.Countdown(Settlement, TestData.Now, TestData.Context(language).T));

    [Theory]
    [InlineData(25.5, Language.En, "1d 1h")]
    [InlineData(0.5, Language.En, "30m")]
    [InlineData(0.001, Language.ZhTw, "不到1分鐘")]
    [InlineData(0.25, Language.ZhCn, "15分钟")]
    public void Duration_Spans_UseTheLargestTwoUnits(double hours, Language language, string expected) =>
        Assert.Equal(expected, TimeFormat.Duration(TimeSpan.FromHours(hours), TestData.Context(language).T));

    [Fact]
    public void Countdown_PastInstant_SaysDueNow() =>
        Assert.Equal("due now", TimeFormat.Countdown(TestData.Now, Settlement, TestData.Context(Language.En).T));

    [Theory]
    [InlineData("Asia/Taipei", "2025-10-10 16:00 UTC+8")]
    [InlineData("Asia/Shanghai", "2025-10-10 16:00 UTC+8")]
    [InlineData("Asia/Kolkata", "2025-10-10 13:30 UTC+5:30")]
    [InlineData("America/New_York", "2025-10-10 04:00 UTC-4")]
    [InlineData("UTC", "2025-10-10 08:00 UTC")]
    public void Instant_InChatZone_ShowsLocalTimeAndOffset(string zone, string expected) =>
        Assert.Equal(expected, TimeFormat.Instant(Settlement, TimeFormat.ZoneOrUtc(zone)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus")]
    public void ZoneOrUtc_MissingOrUnknown_IsUtc(string? zone) =>
        Assert.Equal(TimeZoneInfo.Utc, TimeFormat.ZoneOrUtc(zone));
}
