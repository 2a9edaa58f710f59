using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class LongShortAndRsiTests
{
    private static IEnumerable<decimal> History(int n, decimal center, decimal spread) =>
        Enumerable.Range(0, n).Select(i => center + (spread * (decimal)Some.Wiggle(i)));

    [Theory]
    [InlineData("3.0", Extremity.High)]
    [InlineData("0.5", Extremity.Low)]
    [InlineData("1.5", Extremity.None)]
    public void Compute_LatestRatioAgainstOwnHistory_Extreme(string latest, Extremity expected)
    {
        var value = decimal.Parse(latest, System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = Some.Snapshot() with { GlobalAccountRatio = Some.Ratios(History(100, 1.5m, 0.3m).Append(value)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).LongShort;

        var reading = signal.Of(RatioSeries.GlobalAccounts)!;
        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(value, reading.Value);
        Assert.Equal(100, reading.Percentile!.SampleCount);
        Assert.Equal(expected, reading.Extreme);
        Assert.Equal(SignalStatus.InsufficientData, signal.Of(RatioSeries.TopTraderPositions)!.Status);
    }

    [Fact]
    public void Compute_LongHistory_ThinnedToMaxSamplesKeepingNewest()
    {
        var options = Some.Options();
        options.LongShort.MaxSamples = 25;
        // 100 samples: 99 at 1.0 then one at 2.0, and the latest 1.5 ranks above all but the newest history sample.
        var history = Enumerable.Repeat(1.0m, 99).Append(2.0m).Append(1.5m);
        var snapshot = Some.Snapshot() with { GlobalAccountRatio = Some.Ratios(history) };

        var reading = SignalEngine.Compute(snapshot, Some.Now, options).LongShort.Of(RatioSeries.GlobalAccounts)!;

        Assert.Equal(25, reading.Percentile!.SampleCount); // every 4th of 100, walking back from the newest
        Assert.Equal(24 / 25.0, reading.Percentile.Percentile, 10);
    }

    [Fact]
    public void Compute_AllFourSeries_ReadingsForEach()
    {
        var snapshot = Some.Snapshot() with
        {
            GlobalAccountRatio = Some.Ratios(History(50, 1.5m, 0.3m)),
            TopAccountRatio = Some.Ratios(History(50, 1.2m, 0.2m)),
            TopPositionRatio = Some.Ratios(History(50, 1.1m, 0.2m)),
            TakerVolume = Some.Taker(History(50, 1.0m, 0.2m)),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).LongShort;

        Assert.Equal(4, signal.Readings.Count);
        Assert.All(signal.Readings, r => Assert.Equal(SignalStatus.Ok, r.Status));
        Assert.All(signal.Readings, r => Assert.NotNull(r.Percentile));
    }

    [Fact]
    public void Compute_FewSamples_ValueWithoutPercentile()
    {
        var snapshot = Some.Snapshot() with { TakerVolume = Some.Taker([1.2m, 0.8m, 1.1m]) };

        var reading = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).LongShort.Of(RatioSeries.TakerBuySell)!;

        Assert.Equal(1.1m, reading.Value);
        Assert.Null(reading.Percentile);
        Assert.Equal(Extremity.None, reading.Extreme);
    }

    [Fact]
    public void Compute_NoRatios_Insufficient()
    {
        var signal = SignalEngine.Compute(Some.Snapshot(), Some.Now, Some.Options()).LongShort;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("long_short.insufficient_data", signal.Reason.Code);
    }

    [Fact]
    public void Wilder_Period2_HandComputed()
    {
        // Moves +1, −0.5, +1. Seed: gain 1/2 = 0.5, loss 0.5/2 = 0.25. Next: gain (0.5 + 1)/2 = 0.75,
        // loss (0.25 + 0)/2 = 0.125. RS = 6 → RSI = 100 − 100/7.
        var rsi = RsiSignals.Wilder([1.0, 2.0, 1.5, 2.5], 2);

        Assert.Equal(100 - (100 / 7.0), rsi!.Value, 10);
    }

    [Fact]
    public void Wilder_Period14_MatchesPublishedExample()
    {
        // The widely reproduced Wilder RSI worked example (first value ≈ 70.5).
        double[] closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28];

        var rsi = RsiSignals.Wilder(closes, 14);

        Assert.InRange(rsi!.Value, 70.4, 70.6);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 100.0)]
    [InlineData(new[] { 4.0, 3, 2, 1 }, 0.0)]
    [InlineData(new[] { 5.0, 5, 5, 5 }, 50.0)]
    public void Wilder_Degenerate_Defined(double[] closes, double expected)
    {
        Assert.Equal(expected, RsiSignals.Wilder(closes, 3)!.Value, 10);
    }

    [Fact]
    public void Wilder_TooFewCloses_Null()
    {
        Assert.Null(RsiSignals.Wilder([1.0, 2.0], 2));
    }

    [Theory]
    [InlineData(95, RsiZone.Overbought3)]
    [InlineData(85, RsiZone.Overbought2)]
    [InlineData(70, RsiZone.Overbought1)]
    [InlineData(50, RsiZone.Neutral)]
    [InlineData(30, RsiZone.Oversold1)]
    [InlineData(15, RsiZone.Oversold2)]
    [InlineData(10, RsiZone.Oversold3)]
    public void ZoneOf_Bands_StrongestReached(double rsi, RsiZone expected)
    {
        Assert.Equal(expected, RsiSignals.ZoneOf(rsi, new RsiOptions()));
    }

    [Fact]
    public void Compute_FiveMinuteCandlesAggregatedToHour_UsesHourlyCloses()
    {
        // 20 hours of 5-minute candles, rising within each hour but each hourly close higher than the last.
        var closes = Enumerable.Range(0, 20 * 12).Select(i => 100m + (i / 12) + ((i % 12) * 0.01m));
        var snapshot = Some.Snapshot() with { Klines = Some.Klines(closes, KlineInterval.M5, Some.Now.AddMinutes(-5)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Rsi;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(KlineInterval.H1, signal.Interval);
        Assert.Equal(20, signal.CandlesUsed);
        Assert.Equal(100.0, signal.Value);
        Assert.Equal(RsiZone.Overbought3, signal.Zone);
    }

    [Fact]
    public void Compute_CandlesCoarserThanInterval_Insufficient()
    {
        var options = Some.Options();
        options.Rsi.Interval = "15m";
        var snapshot = Some.Snapshot() with { Klines = Some.Klines(Enumerable.Range(0, 30).Select(i => (decimal)i + 1), KlineInterval.H1), KlineInterval = KlineInterval.H1 };

        var signal = SignalEngine.Compute(snapshot, Some.Now, options).Rsi;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("rsi.interval_unavailable", signal.Reason.Code);
    }

    [Fact]
    public void Compute_FewCandles_Insufficient()
    {
        var snapshot = Some.Snapshot() with { Klines = Some.Klines([1m, 2m, 3m]) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Rsi;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal(15m, signal.Reason.Get("required"));
    }

    [Theory]
    [InlineData(true, "0.0006", "3.0", true, false)]
    [InlineData(true, "0.0001", "3.0", false, false)] // funding not elevated
    [InlineData(true, "0.0006", "1.5", false, false)] // ratio not high
    [InlineData(false, "-0.0006", "0.5", false, true)] // mirror
    public void Compute_StackedConditions_OnlyWhenAllThreeAgree(bool up, string funding, string ratio, bool overheated, bool oversold)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var options = Some.Options();
        options.Rsi.Interval = "5m";
        var closes = Enumerable.Range(0, 30).Select(i => up ? 100m + i : 200m - i);
        var snapshot = Some.Snapshot() with
        {
            Klines = Some.Klines(closes),
            Premium = Some.Premium(decimal.Parse(funding, inv)),
            GlobalAccountRatio = Some.Ratios(History(100, 1.5m, 0.3m).Append(decimal.Parse(ratio, inv))),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, options).Rsi;

        Assert.Equal(overheated, signal.StackedOverheating);
        Assert.Equal(oversold, signal.StackedOversold);
    }
}
