using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class OpenInterestSignalTests
{
    [Fact]
    public void Compute_LinearOi_ExactChangesOverEachWindow()
    {
        // 25 h of 5-minute points rising by 1 contract per point from 1000: 301 points, last = 1300.
        var snapshot = Some.Snapshot() with { OpenInterest = Some.Oi(Enumerable.Range(0, 301).Select(i => 1000m + i)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(1300m, signal.Contracts);
        Assert.Equal(130_000m, signal.ValueUsd);
        Assert.Equal(12m / 1288m, signal.ChangeOver(TimeSpan.FromHours(1))!.ContractsChange);
        Assert.Equal(48m / 1252m, signal.ChangeOver(TimeSpan.FromHours(4))!.ContractsChange);
        Assert.Equal(288m / 1012m, signal.ChangeOver(TimeSpan.FromHours(24))!.ContractsChange);
    }

    [Fact]
    public void Compute_SinglePoint_LevelWithoutChanges()
    {
        var snapshot = Some.Snapshot() with { OpenInterest = Some.Oi([500m]) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(SignalStatus.Ok, signal.Status);
        Assert.Equal(500m, signal.Contracts);
        Assert.All(signal.Changes, c => Assert.Null(c.ContractsChange));
        Assert.Equal("oi.level_only", signal.Reason.Code);
    }

    [Fact]
    public void Compute_NoPoints_InsufficientData()
    {
        var signal = SignalEngine.Compute(Some.Snapshot(), Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(SignalStatus.InsufficientData, signal.Status);
        Assert.Empty(signal.Changes);
    }

    [Fact]
    public void Compute_ZeroOiAtWindowStart_ChangeMissingNotThrow()
    {
        var snapshot = Some.Snapshot() with { OpenInterest = Some.Oi(Enumerable.Range(0, 13).Select(i => i == 0 ? 0m : 100m)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Null(signal.ChangeOver(TimeSpan.FromHours(1))!.ContractsChange);
    }

    [Fact]
    public void Compute_ZeroOiNow_ReasonZero()
    {
        var snapshot = Some.Snapshot() with { OpenInterest = Some.Oi(Enumerable.Range(0, 13).Select(i => i == 12 ? 0m : 100m)) };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(-1m, signal.ChangeOver(TimeSpan.FromHours(1))!.ContractsChange);
        Assert.Equal("oi.zero", signal.Reason.Code);
    }

    [Fact]
    public void Compute_GapAroundWindowStart_ChangeMissing()
    {
        // The newest point at or before now−1 h is 2 h earlier still: beyond the 15 min gap tolerance.
        var points = new List<OpenInterestPoint>
        {
            new(Some.Now.AddHours(-3), 100m, 10_000m),
            new(Some.Now.AddMinutes(-50), 110m, 11_000m),
            new(Some.Now, 120m, 12_000m),
        };
        var snapshot = Some.Snapshot() with { OpenInterest = points };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Null(signal.ChangeOver(TimeSpan.FromHours(1))!.ContractsChange); // start point is 2 h early: a gap
        Assert.Null(signal.ChangeOver(TimeSpan.FromHours(4))!.ContractsChange); // nothing at or before now−4 h
    }

    [Fact]
    public void Compute_StartPointWithinGapTolerance_ChangeMeasured()
    {
        var points = new List<OpenInterestPoint>
        {
            new(Some.Now.AddMinutes(-70), 100m, 10_000m), // 10 min before the ideal start: within 15 min
            new(Some.Now, 120m, 12_000m),
        };
        var snapshot = Some.Snapshot() with { OpenInterest = points };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(0.2m, signal.ChangeOver(TimeSpan.FromHours(1))!.ContractsChange);
    }

    [Fact]
    public void Compute_DuplicatePoints_DoesNotThrow()
    {
        var p = new OpenInterestPoint(Some.Now, 100m, 10_000m);
        var snapshot = Some.Snapshot() with { OpenInterest = [p, p, p] };

        var report = SignalEngine.Compute(snapshot, Some.Now, Some.Options());

        Assert.Equal(100m, report.OpenInterest.Contracts);
        Assert.Equal(SignalStatus.InsufficientData, report.Quadrant.Status);
    }

    [Fact]
    public void Compute_JumpAfterQuietHistory_LargePositiveZScore()
    {
        var contracts = Enumerable.Range(0, 24 * 12).Select(i => 1000m * (1m + (0.002m * (decimal)Some.Wiggle(i)))).ToList();
        contracts.AddRange(Enumerable.Range(1, 12).Select(i => contracts[^1] * (1m + (0.01m * i))));
        var snapshot = Some.Snapshot() with { OpenInterest = Some.Oi(contracts) };

        var change = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest.ChangeOver(TimeSpan.FromHours(1))!;

        Assert.NotNull(change.ZScore);
        Assert.True(change.ZScore > 5, $"z = {change.ZScore}");
        Assert.True(change.HistorySamples > 200);
    }

    [Fact]
    public void Compute_Tickers_OiToVolumeAndDerivativesToSpotWithMultiplier()
    {
        // 1000PEPEUSDT: futures volume is in 1000-PEPE units; spot PEPEUSDT in PEPE.
        var snapshot = Some.Snapshot() with
        {
            Symbol = new Symbol("1000PEPEUSDT"),
            OpenInterest = Some.Oi([1_000_000m], price: 0.01m),
            FuturesTicker = Some.Ticker("1000PEPEUSDT", volume: 50_000_000m, quoteVolume: 500_000m),
            SpotTicker = Some.Ticker("PEPEUSDT", volume: 25_000_000_000m, quoteVolume: 250_000m),
            SpotMultiplier = 1000m,
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Equal(10_000m / 500_000m, signal.OiToVolume24h);
        Assert.Equal(2m, signal.DerivativesToSpotVolume);
        Assert.Equal(50_000_000_000m, signal.FuturesVolumeInSpotUnits);
        Assert.Equal(1000m, signal.SpotMultiplier);
    }

    [Fact]
    public void Compute_ZeroVolumes_RatiosMissing()
    {
        var snapshot = Some.Snapshot() with
        {
            OpenInterest = Some.Oi([1m]),
            FuturesTicker = Some.Ticker("BTCUSDT", 0m, 0m),
            SpotTicker = Some.Ticker("BTCUSDT", 0m, 0m),
        };

        var signal = SignalEngine.Compute(snapshot, Some.Now, Some.Options()).OpenInterest;

        Assert.Null(signal.OiToVolume24h);
        Assert.Null(signal.DerivativesToSpotVolume);
    }
}
