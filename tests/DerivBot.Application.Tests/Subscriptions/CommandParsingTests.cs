using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Tests.Subscriptions;

public sealed class CommandParsingTests
{
    [Theory]
    [InlineData("every 4h", 240)]
    [InlineData("every 4 hours", 240)]
    [InlineData("4h", 240)]
    [InlineData("4H", 240)]
    [InlineData("every 30m", 30)]
    [InlineData("every 30 minutes", 30)]
    [InlineData("hourly", 60)]
    [InlineData("every hour", 60)]
    [InlineData("every 1h30m", 90)]
    [InlineData("每 4小時", 240)]
    [InlineData("every 2 days", 2880)]
    public void TryParseSchedule_Intervals_AreForgiving(string text, int minutes)
    {
        Assert.True(CommandParsing.TryParseSchedule(CommandParsing.Tokenize(text), out var schedule, out var given));
        Assert.True(given);
        Assert.Equal(ScheduleKind.Interval, schedule.Kind);
        Assert.Equal(TimeSpan.FromMinutes(minutes), schedule.Interval);
    }

    [Theory]
    [InlineData("daily 08:00", 8, 0)]
    [InlineData("daily 8:00", 8, 0)]
    [InlineData("at 20:30", 20, 30)]
    [InlineData("08:00", 8, 0)]
    [InlineData("daily 8am", 8, 0)]
    [InlineData("8pm", 20, 0)]
    [InlineData("每天 09:15", 9, 15)]
    [InlineData("daily 20", 20, 0)]
    public void TryParseSchedule_TimesOfDay_AreForgiving(string text, int hour, int minute)
    {
        Assert.True(CommandParsing.TryParseSchedule(CommandParsing.Tokenize(text), out var schedule, out _));
        Assert.Equal(ScheduleKind.Daily, schedule.Kind);
        Assert.Equal(new TimeOnly(hour, minute), schedule.TimeOfDay);
    }

    [Theory]
    [InlineData("every banana")]
    [InlineData("daily 25:00")]
    [InlineData("every 4x")]
    [InlineData("sometimes")]
    public void TryParseSchedule_Nonsense_Fails(string text) =>
        Assert.False(CommandParsing.TryParseSchedule(CommandParsing.Tokenize(text), out _, out _));

    [Fact]
    public void TryParseSchedule_Empty_DefaultsToEvery4h()
    {
        Assert.True(CommandParsing.TryParseSchedule([], out var schedule, out var given));
        Assert.False(given);
        Assert.Equal(DigestSchedule.Every(TimeSpan.FromHours(4)), schedule);
    }

    [Theory]
    [InlineData("5m", 5_000_000)]
    [InlineData("5M", 5_000_000)]
    [InlineData("5000000", 5_000_000)]
    [InlineData("5,000,000", 5_000_000)]
    [InlineData("$5m", 5_000_000)]
    [InlineData("5 million", 5_000_000)]
    [InlineData("500k", 500_000)]
    [InlineData("1.5b", 1_500_000_000)]
    [InlineData("500萬", 5_000_000)]
    [InlineData("2.5mm", 2_500_000)]
    public void TryParseAmount_Forms_Parse(string text, double expected)
    {
        Assert.True(CommandParsing.TryParseAmount(text, out var amount));
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("funding > 0.05%", AlertMetric.Funding, AlertDirection.Above, "0.0005")]
    [InlineData("funding>0.05", AlertMetric.Funding, AlertDirection.Above, "0.0005")]
    [InlineData("FUNDING ABOVE 0.05%", AlertMetric.Funding, AlertDirection.Above, "0.0005")]
    [InlineData("fr < -0.01%", AlertMetric.Funding, AlertDirection.Below, "-0.0001")]
    [InlineData("funding 0.1%", AlertMetric.Funding, AlertDirection.Beyond, "0.001")]
    [InlineData("funding p95", AlertMetric.FundingPercentile, AlertDirection.Beyond, "95")]
    [InlineData("funding p5", AlertMetric.FundingPercentile, AlertDirection.Beyond, "95")]
    [InlineData("percentile > 90", AlertMetric.FundingPercentile, AlertDirection.Above, "90")]
    [InlineData("oi 4h > 5%", AlertMetric.OpenInterestChange, AlertDirection.Above, "5")]
    [InlineData("oi > 5% 1h", AlertMetric.OpenInterestChange, AlertDirection.Above, "5")]
    [InlineData("oi 10%", AlertMetric.OpenInterestChange, AlertDirection.Beyond, "10")]
    [InlineData("oi < 3%", AlertMetric.OpenInterestChange, AlertDirection.Below, "-3")]
    [InlineData("liq5m > 5m", AlertMetric.Liquidations5m, AlertDirection.Above, "5000000")]
    [InlineData("liq > 5M", AlertMetric.Liquidations5m, AlertDirection.Above, "5000000")]
    [InlineData("liq 5m > 5000000", AlertMetric.Liquidations5m, AlertDirection.Above, "5000000")]
    [InlineData("liquidations 2.5m", AlertMetric.Liquidations5m, AlertDirection.Above, "2500000")]
    [InlineData("rsi", AlertMetric.Rsi, AlertDirection.Beyond, "70")]
    [InlineData("rsi 80", AlertMetric.Rsi, AlertDirection.Beyond, "80")]
    [InlineData("rsi 20", AlertMetric.Rsi, AlertDirection.Beyond, "80")]
    [InlineData("quadrant", AlertMetric.Quadrant, AlertDirection.Above, "0")]
    public void TryParseAlert_Table_Parses(string text, AlertMetric metric, AlertDirection direction, string threshold)
    {
        Assert.True(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out var spec, out var error), error?.Key);
        Assert.Equal(metric, spec.Condition.Metric);
        Assert.Equal(direction, spec.Condition.Direction);
        Assert.Equal(decimal.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture), spec.Condition.Threshold);
    }

    [Theory]
    [InlineData("quadrant long", QuadrantState.LongCrowding)]
    [InlineData("q short", QuadrantState.ShortCrowding)]
    [InlineData("quad squeeze", QuadrantState.ShortCrowding)]
    [InlineData("quadrant churn", QuadrantState.Churn)]
    [InlineData("quadrant delev", QuadrantState.Deleveraging)]
    [InlineData("象限 多頭", QuadrantState.LongCrowding)]
    public void TryParseAlert_QuadrantStates_Parse(string text, QuadrantState state)
    {
        Assert.True(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out var spec, out _));
        Assert.Equal(state, spec.Condition.State);
    }

    [Fact]
    public void TryParseAlert_OptionsOnceAndCooldown_AreTaken()
    {
        Assert.True(CommandParsing.TryParseAlert(CommandParsing.Tokenize("funding > 0.05% once cooldown 2h"), out var spec, out _));
        Assert.True(spec.Once);
        Assert.Equal(TimeSpan.FromHours(2), spec.Cooldown);
        Assert.Equal(TimeSpan.FromHours(1), GetWindow("oi > 5% 1h"));
        Assert.Equal(TimeSpan.FromHours(4), GetWindow("oi > 5%"));
    }

    private static TimeSpan? GetWindow(string text)
    {
        Assert.True(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out var spec, out _));
        return spec.Condition.Window;
    }

    [Theory]
    [InlineData("funding > lots")]
    [InlineData("price > 100")]
    [InlineData("quadrant sideways")]
    [InlineData("liq < 5m")]
    [InlineData("rsi 150")]
    [InlineData("oi 4h")]
    [InlineData("funding > 0.05% cooldown soon")]
    public void TryParseAlert_Mistakes_FailWithKey(string text)
    {
        Assert.False(CommandParsing.TryParseAlert(CommandParsing.Tokenize(text), out _, out var error));
        Assert.NotNull(error);
        Assert.StartsWith("error.", error!.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("23:00-07:00", 23, 7)]
    [InlineData("23-7", 23, 7)]
    [InlineData("23:00 to 07:00", 23, 7)]
    [InlineData("22:30 06:00", 22, 6)]
    public void TryParseQuietHours_Ranges_Parse(string text, int start, int end)
    {
        Assert.True(CommandParsing.TryParseQuietHours(text, out var s, out var e));
        Assert.Equal(start, s!.Value.Hour);
        Assert.Equal(end, e!.Value.Hour);
    }

    [Fact]
    public void TryParseQuietHours_Off_ClearsBoth()
    {
        Assert.True(CommandParsing.TryParseQuietHours("OFF", out var s, out var e));
        Assert.Null(s);
        Assert.Null(e);
        Assert.False(CommandParsing.TryParseQuietHours("10:00-10:00", out _, out _));
    }

    [Theory]
    [InlineData(23, 30, true)]
    [InlineData(3, 0, true)]
    [InlineData(7, 0, false)]
    [InlineData(12, 0, false)]
    public void InQuietHours_WrapsMidnight(int hour, int minute, bool expected) =>
        Assert.Equal(expected, CommandParsing.InQuietHours(new TimeOnly(hour, minute), new TimeOnly(23, 0), new TimeOnly(7, 0)));

    [Theory]
    [InlineData("Asia/Taipei", "Asia/Taipei")]
    [InlineData("asia/taipei", "Asia/Taipei")]
    [InlineData("台北", "Asia/Taipei")]
    [InlineData("UTC+8", "UTC+08:00")]
    [InlineData("+05:30", "UTC+05:30")]
    [InlineData("gmt-5", "UTC-05:00")]
    [InlineData("utc", "UTC")]
    public void TimeZones_TryResolve_Forgiving(string input, string id)
    {
        Assert.True(TimeZones.TryResolve(input, out var zone, out var resolved));
        Assert.Equal(id, resolved);
        Assert.True(TimeZones.TryResolve(resolved, out var again, out _));
        Assert.Equal(zone.BaseUtcOffset, again.BaseUtcOffset);
    }

    [Fact]
    public void TimeZones_TryResolve_Unknown_Fails() => Assert.False(TimeZones.TryResolve("Mars/Olympus", out _, out _));
}
