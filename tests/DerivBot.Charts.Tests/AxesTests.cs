namespace DerivBot.Charts.Tests;

public sealed class AxesTests
{
    [Fact]
    public void NiceTicks_BitcoinRange_RoundThousands()
    {
        var (step, ticks) = Axes.NiceTicks(56_880, 63_120, 6);

        Assert.Equal(1000, step);
        Assert.Equal([57_000d, 58_000, 59_000, 60_000, 61_000, 62_000, 63_000], ticks);
    }

    [Theory]
    [InlineData(0.0812, 0.0874, 5, 0.001)]
    [InlineData(-0.0005, 0.00035, 4, 0.0002)]
    [InlineData(0, 10, 4, 2.5)]
    public void NiceTicks_VariousRanges_StepIsOneTwoTwoAndHalfOrFiveTimesPowerOfTen(double min, double max, int target, double expectedStep)
    {
        var (step, ticks) = Axes.NiceTicks(min, max, target);

        Assert.Equal(expectedStep, step, 12);
        Assert.All(ticks, t => Assert.InRange(t, min - 1e-12, max + 1e-12));
    }

    [Fact]
    public void NiceTicks_CrossingZero_HasExactZero()
    {
        var (_, ticks) = Axes.NiceTicks(-0.0003, 0.0003, 4);

        Assert.Contains(0d, ticks);
    }

    [Theory]
    [InlineData(1000, 0)]
    [InlineData(2.5, 1)]
    [InlineData(0.25, 2)]
    [InlineData(0.001, 3)]
    public void DecimalsFor_Step_EnoughToTellTicksApart(double step, int decimals) =>
        Assert.Equal(decimals, Axes.DecimalsFor(step));

    [Theory]
    [InlineData(950, "$950")]
    [InlineData(12_345, "$12.3K")]
    [InlineData(4_567, "$4.57K")]
    [InlineData(250_000_000, "$250M")]
    [InlineData(1_234_000_000, "$1.23B")]
    [InlineData(-4_500_000, "-$4.5M")]
    public void Usd_WithoutChineseUnits_UsesKmb(double value, string expected) =>
        Assert.Equal(expected, Axes.Usd(value, default));

    [Theory]
    [InlineData(250_000_000, "$2.5億")]
    [InlineData(80_360_000, "$8,036萬")]
    [InlineData(5_000, "$5,000")]
    public void Usd_WithChineseUnits_UsesWanAndYi(double value, string expected) =>
        Assert.Equal(expected, Axes.Usd(value, new ChartUnits("萬", "億")));

    [Fact]
    public void TimeTicks_TaipeiDay_LabelsOnRoundLocalHours()
    {
        var start = new DateTimeOffset(2025, 10, 9, 0, 0, 0, TimeSpan.Zero); // 08:00 in Taipei
        var ticks = Axes.TimeTicks(start, start.AddDays(1), Synthetic.Taipei, 6);

        Assert.Equal(["10-09 08:00", "12:00", "16:00", "20:00", "10-10 00:00", "04:00", "08:00"], ticks.Select(t => t.Label));
        Assert.Equal(start.AddHours(4), ticks[1].Time);
    }

    [Fact]
    public void TimeTicks_ThirtyDays_DailyOrWeeklyDateLabels()
    {
        var start = new DateTimeOffset(2025, 9, 10, 0, 0, 0, TimeSpan.Zero);
        var ticks = Axes.TimeTicks(start, start.AddDays(30), TimeZoneInfo.Utc, 8);

        Assert.All(ticks, t => Assert.Matches(@"^\d\d-\d\d$", t.Label));
        Assert.Equal("09-10", ticks[0].Label);
    }

    [Fact]
    public void TimeRange_InZone_ShowsLocalTimesAndOffset()
    {
        var start = new DateTimeOffset(2025, 10, 9, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("2025-10-09 08:00 – 2025-10-10 08:00 UTC+8", Axes.TimeRange(start, start.AddDays(1), Synthetic.Taipei));
        Assert.Equal("UTC", Axes.Offset(TimeSpan.Zero));
        Assert.Equal("UTC-3:30", Axes.Offset(new TimeSpan(-3, -30, 0)));
    }

    [Fact]
    public void Viridis_Ends_AreDarkPurpleAndYellow()
    {
        Assert.Equal(0xFF440154u, Viridis.Pixel(0));
        Assert.Equal(0xFFFDE725u, Viridis.Pixel(1));
        Assert.Equal(0xFF440154u, Viridis.Pixel(double.NaN));
        Assert.Equal(0xFFFDE725u, Viridis.Pixel(7));
    }

    [Fact]
    public void Viridis_Lightness_IncreasesMonotonically()
    {
        // Perceptual uniformity implies lightness rises steadily from purple to yellow.
        static double Luma(uint p) => (0.2126 * ((p >> 16) & 0xFF)) + (0.7152 * ((p >> 8) & 0xFF)) + (0.0722 * (p & 0xFF));
        var previous = -1.0;
        for (var i = 0; i <= 255; i++)
        {
            var l = Luma(Viridis.Pixel(i / 255.0));
            Assert.True(l >= previous - 0.5, $"lightness drops at level {i}");
            previous = l;
        }
    }
}
