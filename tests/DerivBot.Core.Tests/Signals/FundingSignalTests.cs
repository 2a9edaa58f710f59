using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class FundingSignalTests
{
    [Theory]
    [InlineData("0.0001", 8, "0.0001", "0.1095")] // seed: 0.01 % per 8 h → 10.95 % a year
    [InlineData("0.0001", 4, "0.0002", "0.219")] // seed: 0.01 % per 4 h → 21.9 %
    [InlineData("0.0001", 1, "0.0008", "0.876")]
    [InlineData("-0.0003", 8, "-0.0003", "-0.3285")]
    public void From_RateAndInterval_Per8hAndAnnualizedFromRealInterval(string rate, int hours, string per8h, string annualized)
    {
        var view = FundingRateView.From(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), hours);

        Assert.Equal(decimal.Parse(per8h, System.Globalization.CultureInfo.InvariantCulture), view.Per8h);
        Assert.Equal(decimal.Parse(annualized, System.Globalization.CultureInfo.InvariantCulture), view.Annualized);
    }

    [Theory]
    [InlineData("0.0001", 4, "0.219")]
    [InlineData("0.0001", 8, "0.1095")]
    public void Compute_PremiumWithInterval_AnnualizesFromSnapshotInterval(string rate, int hours, string annualized)
    {
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = hours,
            Premium = Some.Premium(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(decimal.Parse(annualized, System.Globalization.CultureInfo.InvariantCulture), signal.Current!.Value.Annualized);
        Assert.Equal(hours, signal.IntervalHours);
    }

    [Theory]
    [InlineData("0.0001", 8, FundingLevel.Normal)]
    [InlineData("0.0005", 8, FundingLevel.ElevatedPositive)]
    [InlineData("0.00025", 4, FundingLevel.ElevatedPositive)] // 0.05 % per 8 h equivalent
    [InlineData("0.001", 8, FundingLevel.ExtremePositive)]
    [InlineData("-0.0006", 8, FundingLevel.ElevatedNegative)]
    [InlineData("-0.0002", 1, FundingLevel.ExtremeNegative)] // −0.16 % per 8 h
    public void Compute_AbsoluteThresholds_ClassifiesPer8hEquivalent(string rate, int hours, FundingLevel expected)
    {
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = hours,
            Premium = Some.Premium(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(expected, signal.Level);
    }

    [Fact]
    public void Compute_RateAboveAllOwnHistory_PercentileHighOverWindowsHistoryReaches()
    {
        // 10 days of 8 h settlements between 0.005 % and 0.015 %: the 7 d and 30 d windows are reported, 90 d adds nothing.
        var rates = Enumerable.Range(0, 30).Select(i => 0.0001m + (0.00005m * (decimal)Some.Wiggle(i)));
        var snapshot = Some.Snapshot() with
        {
            FundingHistory = Some.Funding(rates, TimeSpan.FromHours(8), Some.Now.AddHours(-1)),
            Premium = Some.Premium(0.0003m),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(30)], signal.Percentiles.Select(p => p.Window));
        Assert.All(signal.Percentiles, p => Assert.Equal(1.0, p.Percentile));
        Assert.True(signal.Percentiles[0].IsFullWindow);
        Assert.False(signal.Percentiles[1].IsFullWindow);
        Assert.Equal(Extremity.High, signal.PercentileExtreme);
        Assert.Equal(FundingLevel.Normal, signal.Level);
        Assert.Equal("funding.percentile_high", signal.Reason.Code);
    }

    [Fact]
    public void Compute_MedianRate_NotAnExtreme()
    {
        var rates = Enumerable.Range(0, 60).Select(i => 0.0001m + (0.00001m * (i % 10)));
        var snapshot = Some.Snapshot() with
        {
            FundingHistory = Some.Funding(rates, TimeSpan.FromHours(8)),
            Premium = Some.Premium(0.000145m),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(Extremity.None, signal.PercentileExtreme);
        Assert.InRange(signal.Percentiles[^1].Percentile, 0.4, 0.6);
    }

    [Fact]
    public void Compute_TooFewSettlements_NoPercentile()
    {
        var snapshot = Some.Snapshot() with { FundingHistory = Some.Funding([0.0001m, 0.0002m], TimeSpan.FromHours(8)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Empty(signal.Percentiles);
        Assert.Equal(0.0002m, signal.LastSettled!.Value.PerInterval);
        Assert.Null(signal.Current);
    }

    [Theory]
    [InlineData(new[] { 1, 1, -1, -1, -1 }, 0, false, 3, -1)]
    [InlineData(new[] { -1, -1, 1 }, 0, true, 1, 1)]
    [InlineData(new[] { 1, 1, 1, 1 }, -1, false, 4, 1)]
    [InlineData(new[] { 1, 0 }, 0, false, 0, 0)]
    public void Compute_SettledSigns_FlipsAndPersistence(int[] signs, int predictedSign, bool flip, int persistence, int side)
    {
        var snapshot = Some.Snapshot() with
        {
            FundingHistory = Some.Funding(signs.Select(s => s * 0.0001m), TimeSpan.FromHours(8)),
            Premium = predictedSign == 0 ? null : Some.Premium(predictedSign * 0.0001m),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(flip, signal.SettledSignFlip);
        Assert.Equal(persistence, signal.PersistenceCount);
        Assert.Equal(side, signal.PersistenceSide);
        Assert.Equal(predictedSign != 0 && predictedSign * signs[^1] < 0, signal.PendingSignFlip);
    }

    [Fact]
    public void Compute_NoFundingData_InsufficientData()
    {
        var signal = SignalEngine.Compute(Some.Snapshot(), Some.Now, Some.Options()).Funding;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("funding.insufficient_data", signal.Reason.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Compute_InvalidIntervalWithSettlements_InfersIntervalFromSpacing(int configured)
    {
        var snapshot = Some.Snapshot() with
        {
            FundingIntervalHours = configured,
            FundingHistory = Some.Funding([0.0001m, 0.0001m, 0.0001m, 0.0001m], TimeSpan.FromHours(4)),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(4, signal.IntervalHours);
        Assert.Equal(0.219m, signal.LastSettled!.Value.Annualized);
    }

    [Fact]
    public void Compute_InvalidIntervalWithoutHistory_InsufficientDataNotThrow()
    {
        var snapshot = Some.Snapshot() with { FundingIntervalHours = -8, Premium = Some.Premium(0.0001m) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Equal("funding.invalid_interval", signal.Reason.Code);
    }

    [Fact]
    public void Compute_SettlementsAfterNow_Ignored()
    {
        var snapshot = Some.Snapshot() with
        {
            FundingHistory = Some.Funding([0.0001m, -0.0005m], TimeSpan.FromHours(8), Some.Now.AddHours(4)),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(0.0001m, signal.LastSettled!.Value.PerInterval);
    }

    [Fact]
    public void Compute_DuplicateSettlements_DoesNotThrow()
    {
        var point = new Core.Markets.FundingRatePoint(Some.Now.AddHours(-1), 0.0001m, 100m);
        var snapshot = Some.Snapshot() with { FundingHistory = [point, point, point], FundingIntervalHours = 0 };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).Funding;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status); // no spacing to infer an interval from
    }
}
