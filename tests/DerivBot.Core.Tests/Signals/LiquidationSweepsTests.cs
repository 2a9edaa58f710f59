using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class LiquidationSweepsTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly DateTimeOffset T = Some.Now;

    [Fact]
    public void Detect_HandComputedPath_ExactEstimatedAndRealisedPerSweep()
    {
        var options = new LiquidationLevelOptions
        {
            Tiers = [new LeverageTier { Leverage = 10m, Weight = 1m }],
            MaintenanceMargin = 0.005m,
            MergeTolerance = 0m,
            ClusterBandFraction = 0.01m,
            ClusterCount = 3,
        };
        // Bar 0: entry (102 + 98 + 100) / 3 = 100, OI 1000 → 1100 = 10 000 USD new, taker 3 : 1 →
        //        7 500 USD of longs at 100 × (1 − 0.1 + 0.005) = 90.5, 2 500 USD of shorts at 109.5.
        // Bar 1: 99–101, nothing swept (bands from the previous close 100, width 1: longs [90, 91), shorts [109, 110)).
        // Bar 2: low 90 ≤ 90 sweeps the long band [90, 91): estimated 7 500.
        // Bar 3: bands from close 95, width 0.95: the short level 109.5 is in [109.25, 110.2); high 111 ≥ 110.2 sweeps it: 2 500.
        var snapshot = new MarketSnapshot
        {
            Venue = "binance",
            Symbol = Btc,
            DataTime = T.AddMinutes(20),
            KlineInterval = KlineInterval.M5,
            Klines =
            [
                Some.Bar(T, 100m, 102m, 98m, 100m, volume: 4m, takerBuy: 3m),
                Some.Bar(T.AddMinutes(5), 100m, 101m, 99m, 100m),
                Some.Bar(T.AddMinutes(10), 100m, 105m, 90m, 95m),
                Some.Bar(T.AddMinutes(15), 95m, 111m, 95m, 100m),
            ],
            OpenInterest = [new OpenInterestPoint(T, 1000m, 100_000m), new OpenInterestPoint(T.AddMinutes(5), 1100m, 110_000m)],
        };
        List<Liquidation> events =
        [
            new(Btc, PositionSide.Long, 90.6m, 90.6m, 10m, T.AddMinutes(11)),          // 906: in band, in bar 2
            new(Btc, PositionSide.Long, 90.2m, 0m, 5m, T.AddMinutes(14)),              // 451: no average → price
            new(Btc, PositionSide.Long, 89.5m, 89.5m, 100m, T.AddMinutes(12)),         // below the band
            new(Btc, PositionSide.Short, 90.5m, 90.5m, 100m, T.AddMinutes(12)),        // wrong side
            new(Btc, PositionSide.Long, 90.7m, 90.7m, 100m, T.AddMinutes(5.5)),        // bar 1, not the sweep
            new(new Symbol("ETHUSDT"), PositionSide.Long, 90.4m, 90.4m, 100m, T.AddMinutes(11)), // other symbol
            new(Btc, PositionSide.Short, 109.9m, 109.9m, 2m, T.AddMinutes(16)),        // 219.8: short sweep
            new(Btc, PositionSide.Short, 110.5m, 110.5m, 7m, T.AddMinutes(16)),        // above the short band
        ];

        var sweeps = LiquidationSweeps.Detect(snapshot, events, T, T.AddMinutes(20), options);

        Assert.Equal(2, sweeps.Count);
        Assert.Equal(new LiquidationSweep(PositionSide.Long, 90m, 91m, 7500m, 1357m, 2, T.AddMinutes(10), T.AddMinutes(15)), sweeps[0]);
        Assert.Equal(1357m / 7500m, sweeps[0].Ratio);
        Assert.Equal(new LiquidationSweep(PositionSide.Short, 109.25m, 110.20m, 2500m, 219.8m, 1, T.AddMinutes(15), T.AddMinutes(20)), sweeps[1]);

        var week = LiquidationSweeps.Calibrate(sweeps, T.AddMinutes(20), TimeSpan.FromDays(7), T);
        Assert.Equal((2, 10_000m, 1576.8m, TimeSpan.FromMinutes(20)), (week.Sweeps, week.EstimatedUsd, week.RealisedUsd, week.Covered));
        Assert.Equal(0.15768m, week.Ratio);
        Assert.Equal(0, LiquidationSweeps.Calibrate(sweeps, T.AddDays(8), TimeSpan.FromDays(7), T).Sweeps);
    }
}

public sealed class LiquidationSweepsMultiBarTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly DateTimeOffset T = Some.Now;

    [Fact]
    public void Detect_EnteredThenCrossedNextBar_WindowSpansBothBars()
    {
        var options = new LiquidationLevelOptions
        {
            Tiers = [new LeverageTier { Leverage = 10m, Weight = 1m }],
            MaintenanceMargin = 0.005m,
            MergeTolerance = 0m,
            ClusterBandFraction = 0.01m,
            ClusterCount = 3,
        };
        // Long level 90.5 (7 500 USD) as in the single-bar case; bands from close 100 (width 1): [90, 91).
        // Bar 2's low 90.6 enters the band (above the level, which survives): estimate 7 500, window opens at bar 2.
        // Bar 3's low 89 crosses the band's bottom 90: swept; the window is bars 2–3 and the band stays [90, 91).
        var snapshot = new MarketSnapshot
        {
            Venue = "binance",
            Symbol = Btc,
            DataTime = T.AddMinutes(20),
            KlineInterval = KlineInterval.M5,
            Klines =
            [
                Some.Bar(T, 100m, 102m, 98m, 100m, volume: 4m, takerBuy: 3m),
                Some.Bar(T.AddMinutes(5), 100m, 101m, 99m, 100m),
                Some.Bar(T.AddMinutes(10), 100m, 100m, 90.6m, 92m),
                Some.Bar(T.AddMinutes(15), 92m, 93m, 89m, 90m),
            ],
            OpenInterest = [new OpenInterestPoint(T, 1000m, 100_000m), new OpenInterestPoint(T.AddMinutes(5), 1100m, 110_000m)],
        };
        List<Liquidation> events =
        [
            new(Btc, PositionSide.Long, 90.8m, 90.8m, 1m, T.AddMinutes(12)), // 90.8, entering bar
            new(Btc, PositionSide.Long, 90.1m, 90.1m, 2m, T.AddMinutes(17)), // 180.2, crossing bar
            new(Btc, PositionSide.Long, 89.5m, 89.5m, 9m, T.AddMinutes(18)), // below the band
        ];

        var sweep = Assert.Single(LiquidationSweeps.Detect(snapshot, events, T, T.AddMinutes(20), options));

        Assert.Equal(new LiquidationSweep(PositionSide.Long, 90m, 91m, 7500m, 271m, 2, T.AddMinutes(10), T.AddMinutes(20)), sweep);
    }
}
