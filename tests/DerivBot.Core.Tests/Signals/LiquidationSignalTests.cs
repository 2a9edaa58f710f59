using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class LiquidationSignalTests
{
    [Fact]
    public void Compute_EventsAcrossWindows_TotalsPerSide()
    {
        var snapshot = Some.Snapshot() with
        {
            Liquidations =
            [
                Some.Liq(PositionSide.Long, 1_000m, Some.Now.AddHours(-30)), // outside 24 h
                Some.Liq(PositionSide.Long, 2_000m, Some.Now.AddHours(-20)),
                Some.Liq(PositionSide.Short, 3_000m, Some.Now.AddHours(-3)),
                Some.Liq(PositionSide.Long, 4_000m, Some.Now.AddMinutes(-30)),
                Some.Liq(PositionSide.Short, 5_000m, Some.Now.AddMinutes(-10)),
                Some.Liq(PositionSide.Short, 9_000m, Some.Now.AddMinutes(10)), // after now: ignored
            ],
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(new LiquidationWindow(TimeSpan.FromHours(1), 4_000m, 5_000m, 1, 1), signal.Over(TimeSpan.FromHours(1)));
        Assert.Equal(new LiquidationWindow(TimeSpan.FromHours(4), 4_000m, 8_000m, 1, 2), signal.Over(TimeSpan.FromHours(4)));
        Assert.Equal(new LiquidationWindow(TimeSpan.FromHours(24), 6_000m, 8_000m, 2, 2), signal.Over(TimeSpan.FromHours(24)));
        Assert.Equal([5_000m, 4_000m, 3_000m, 2_000m], signal.Largest.Select(l => l.NotionalUsd));
        Assert.Equal("liquidations.shorts_dominate", signal.Reason.Code);
    }

    [Fact]
    public void Compute_LargestCount_Limited()
    {
        var options = Some.Options();
        options.Liquidations.LargestCount = 2;
        var snapshot = Some.Snapshot() with
        {
            Liquidations = [.. Enumerable.Range(1, 10).Select(i => Some.Liq(PositionSide.Long, i * 100m, Some.Now.AddMinutes(-60 + i)))],
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, options).Liquidations;

        Assert.Equal([1_000m, 900m], signal.Largest.Select(l => l.NotionalUsd));
    }

    [Fact]
    public void Compute_BurstFarAboveBaseline_Cascade()
    {
        // Baseline: 10 000 USD every 10 minutes for 24 h = 1 000 USD per minute. Burst: 3 M USD of longs in one minute.
        var baseline = Enumerable.Range(1, 144).Select(i => Some.Liq(PositionSide.Short, 10_000m, Some.Now.AddMinutes(-10 - (10 * i)))).Reverse();
        var burstMinute = Some.Now.AddMinutes(-3);
        var burst = Enumerable.Range(0, 30).Select(i => Some.Liq(PositionSide.Long, 100_000m, burstMinute.AddSeconds(i)));
        var snapshot = Some.Snapshot() with { Liquidations = [.. baseline, .. burst] };

        var cascade = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations.Cascade;

        Assert.True(cascade.Active);
        Assert.Equal(3_000_000m, cascade.PeakUsdPerMinute);
        Assert.Equal(burstMinute, cascade.PeakMinute);
        Assert.Equal(PositionSide.Long, cascade.DominantSide);
        Assert.NotNull(cascade.BaselineUsdPerMinute);
        Assert.InRange(cascade.BaselineUsdPerMinute!.Value, 990m, 1_010m);
        Assert.True(cascade.Ratio > 1_000m);
    }

    [Fact]
    public void Compute_BusyMinuteThatIsNormalForSymbol_NoCascade()
    {
        // Baseline already 100 000 USD per minute; a 400 000 USD minute is only 4× that.
        var baseline = Enumerable.Range(1, 24 * 60).Select(i => Some.Liq(PositionSide.Long, 100_000m, Some.Now.AddMinutes(-10 - i))).Reverse();
        var snapshot = Some.Snapshot() with
        {
            Liquidations = [.. baseline, Some.Liq(PositionSide.Long, 400_000m, Some.Now.AddMinutes(-2))],
        };

        var cascade = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations.Cascade;

        Assert.False(cascade.Active);
        Assert.Equal(400_000m, cascade.PeakUsdPerMinute);
    }

    [Fact]
    public void Compute_NoBaselineHistory_FloorOnly()
    {
        var snapshot = Some.Snapshot() with { Liquidations = [Some.Liq(PositionSide.Short, 300_000m, Some.Now.AddMinutes(-1))] };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations;

        Assert.True(signal.Cascade.Active);
        Assert.Null(signal.Cascade.BaselineUsdPerMinute);
        Assert.Equal("liquidations.cascade_shorts", signal.Reason.Code);
    }

    [Theory]
    [InlineData("binance", true)]
    [InlineData("Binance-Replay", true)]
    [InlineData("bybit", false)]
    public void Compute_Venue_LowerBoundFlag(string venue, bool lowerBound)
    {
        var snapshot = Some.Snapshot(venue) with { Liquidations = [Some.Liq(PositionSide.Long, 1m, Some.Now)] };

        Assert.Equal(lowerBound, SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations.TotalsAreLowerBound);
    }

    [Fact]
    public void Compute_NoEvents_InsufficientWithZeroTotals()
    {
        var signal = SignalEngine.Compute(Some.Snapshot(), Some.Now, Some.Options()).Liquidations;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.All(signal.Windows, w => Assert.Equal(0m, w.TotalUsd));
        Assert.False(signal.Cascade.Active);
        Assert.True(signal.TotalsAreLowerBound);
    }

    [Fact]
    public void Compute_DuplicateEvents_CountedAsGiven()
    {
        var e = Some.Liq(PositionSide.Long, 1_000m, Some.Now.AddMinutes(-1));
        var snapshot = Some.Snapshot() with { Liquidations = [e, e] };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Liquidations;

        Assert.Equal(2_000m, signal.Over(TimeSpan.FromHours(1))!.LongUsd);
    }
}
