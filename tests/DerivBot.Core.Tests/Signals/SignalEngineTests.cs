using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Core.Tests.Signals;

public sealed class SignalEngineTests
{
    [Fact]
    public void Compute_EmptySnapshot_EverySignalInsufficientNoThrow()
    {
        var report = SignalEngine.Compute(Some.Snapshot(), Some.Now, Some.Options());

        Assert.Equal(SignalStatus.InsufficientData, report.Funding.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.OpenInterest.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.Quadrant.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.PriceOi.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.LongShort.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.Rsi.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.Liquidations.Status);
        Assert.Equal(SignalStatus.InsufficientData, report.Phase.Status);
        Assert.All(
            new[] { report.Funding.Reason, report.OpenInterest.Reason, report.Quadrant.Reason, report.PriceOi.Reason,
                    report.LongShort.Reason, report.Rsi.Reason, report.Liquidations.Reason, report.Phase.Reason },
            r => Assert.Matches("^[a-z_]+\\.[a-z_]+$", r.Code));
    }

    [Fact]
    public void Compute_FullSnapshot_EverySignalOk()
    {
        var report = SignalEngine.Compute(SampleMarket.Snapshot(Some.Btc, seed: 1, now: Some.Now), Some.Now, Some.Options());

        Assert.Equal(SignalStatus.Ok, report.Funding.Status);
        Assert.Equal(SignalStatus.Ok, report.OpenInterest.Status);
        Assert.Equal(SignalStatus.Ok, report.Quadrant.Status);
        Assert.Equal(SignalStatus.Ok, report.PriceOi.Status);
        Assert.Equal(SignalStatus.Ok, report.LongShort.Status);
        Assert.Equal(SignalStatus.Ok, report.Rsi.Status);
        Assert.Equal(SignalStatus.Ok, report.Liquidations.Status);
        Assert.Equal(SignalStatus.Ok, report.Phase.Status);
        Assert.Equal(Some.Btc, report.Symbol);
        Assert.Equal(Some.Now, report.ComputedAt);
    }

    [Fact]
    public void Compute_EarlierNow_IgnoresLaterData()
    {
        var snapshot = SampleMarket.Snapshot(Some.Btc, seed: 2, now: Some.Now);
        var earlier = Some.Now.AddHours(-12);
        var truncated = snapshot with
        {
            OpenInterest = [.. snapshot.OpenInterest.Where(p => p.Time <= earlier)],
            Klines = [.. snapshot.Klines.Where(k => k.OpenTime <= earlier)],
            PredictedFunding = [.. snapshot.PredictedFunding.Where(p => p.Time <= earlier)],
            FundingHistory = [.. snapshot.FundingHistory.Where(p => p.Time <= earlier)],
            GlobalAccountRatio = [.. snapshot.GlobalAccountRatio.Where(p => p.Time <= earlier)],
            Liquidations = [.. snapshot.Liquidations.Where(p => p.Time <= earlier)],
            Premium = null,
        };

        var a = SignalEngine.Compute(snapshot with { Premium = null }, earlier, Some.Options());
        var b = SignalEngine.Compute(truncated, earlier, Some.Options());

        Assert.Equal(b.Quadrant.State, a.Quadrant.State);
        Assert.Equal(b.Quadrant.OiChange, a.Quadrant.OiChange);
        Assert.Equal(b.OpenInterest.Contracts, a.OpenInterest.Contracts);
        Assert.Equal(b.Rsi.Value, a.Rsi.Value);
        Assert.Equal(b.Liquidations.Over(TimeSpan.FromHours(24)), a.Liquidations.Over(TimeSpan.FromHours(24)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Compute_ZScorePaths_AgreeWithStandaloneQuadrantAndSeries(int seed)
    {
        // The engine's one-pass z-scores, the standalone evaluation and the series' prefix sums must agree.
        var snapshot = SampleMarket.Snapshot(Some.Btc, seed, now: Some.Now);
        var options = Some.Options();

        var report = SignalEngine.Compute(snapshot, Some.Now, options);
        var alone = QuadrantModel.Evaluate(snapshot, Some.Now, options);
        var series = QuadrantModel.Series(snapshot, Some.Now.AddDays(-2), Some.Now, options);

        Assert.NotNull(alone.OiZScore);
        Assert.Equal(alone.OiZScore!.Value, report.Quadrant.OiZScore!.Value, 9);
        // The deciding horizon may be 4 h or 24 h; /oi reports both windows with the same z-score path.
        Assert.Equal(alone.Window, report.Quadrant.Window);
        Assert.Equal(alone.OiZScore.Value, report.OpenInterest.ChangeOver(alone.Window)!.ZScore!.Value, 9);
        Assert.Equal(alone.State, report.Quadrant.State);
        Assert.Equal(alone.State, series[^1].State);
    }

    [Fact]
    public void Compute_OldSnapshot_MarkedStale()
    {
        var snapshot = Some.Snapshot();

        Assert.False(SignalEngine.Compute(snapshot, Some.Now, Some.Options()).IsStale);
        Assert.True(SignalEngine.Compute(snapshot, Some.Now.AddMinutes(10), Some.Options()).IsStale);
    }

    [Fact]
    public void SignalReason_ToString_InvariantMachineReadable()
    {
        var reason = SignalReason.Of("quadrant.long_crowding", ("oi_change", 0.05m), ("funding_per8h", -0.0001m));

        Assert.Equal("quadrant.long_crowding oi_change=0.05 funding_per8h=-0.0001", reason.ToString());
        Assert.Equal(0.05m, reason.Get("oi_change"));
        Assert.Null(reason.Get("missing"));
    }
}
