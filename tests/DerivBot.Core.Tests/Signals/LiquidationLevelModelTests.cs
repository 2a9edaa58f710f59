using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Tests.Signals;

public sealed class LiquidationLevelModelTests
{
    private static LiquidationLevelOptions OneTier(decimal leverage = 10m) => new()
    {
        Tiers = [new LeverageTier { Leverage = leverage, Weight = 1m }],
        MaintenanceMargin = 0.005m,
        MergeTolerance = 0m,
    };

    private static LiquidationLevelOptions WithMerge()
    {
        var o = OneTier();
        o.MergeTolerance = 0.0005m;
        return o;
    }

    private static Kline Bar(int minute, decimal high, decimal low, decimal close) =>
        Some.Bar(Some.Now.AddMinutes(minute), close, high, low, close);

    [Fact]
    public void Apply_HandComputedCase_LevelPlacedRemovedAndScaled()
    {
        var model = new LiquidationLevelModel(OneTier());

        // Bar 1: typical price (102 + 98 + 100) / 3 = 100. OI 1000 → 1100 contracts: 100 × 100 = 10 000 USD new.
        // Taker buy/sell 3 → long share 3 / 4: 7 500 USD long, 2 500 USD short.
        // 10×, mm 0.5 %: long level 100 × (1 − 0.1 + 0.005) = 90.5; short level 100 × (1 + 0.1 − 0.005) = 109.5.
        model.Apply(Bar(0, 102m, 98m, 100m), 1000m, 1100m, 3m);

        Assert.Equal(
            [new LiquidationLevel(PositionSide.Long, 90.5m, 7500m), new LiquidationLevel(PositionSide.Short, 109.5m, 2500m)],
            model.Levels());

        // Bar 2: trades 99–101, OI unchanged: nothing happens.
        model.Apply(Bar(5, 101m, 99m, 100m), 1100m, 1100m, 1m);
        Assert.Equal(10_000m, model.TotalLongUsd + model.TotalShortUsd);

        // Bar 3: low 90 ≤ 90.5 trades through the long level and removes it; high 105 < 109.5 leaves the short.
        model.Apply(Bar(10, 105m, 90m, 95m), 1100m, 1100m, 1m);
        Assert.Equal([new LiquidationLevel(PositionSide.Short, 109.5m, 2500m)], model.Levels());

        // Bar 4: OI falls 1100 → 880 (−20 %): the remaining level shrinks pro rata to 2 000 USD.
        model.Apply(Bar(15, 96m, 94m, 95m), 1100m, 880m, 1m);
        Assert.Equal([new LiquidationLevel(PositionSide.Short, 109.5m, 2000m)], model.Levels());

        // Bar 5: high exactly at the level (≥) removes it.
        model.Apply(Bar(20, 109.5m, 95m, 100m), 880m, 880m, 1m);
        Assert.Empty(model.Levels());
        Assert.Equal(5, model.BarsApplied);
    }

    [Fact]
    public void Apply_TierWeights_NormalisedAndSpread()
    {
        var options = new LiquidationLevelOptions
        {
            Tiers = [new LeverageTier { Leverage = 5m, Weight = 1m }, new LeverageTier { Leverage = 50m, Weight = 3m }],
            MaintenanceMargin = 0m,
            MergeTolerance = 0m,
        };
        var model = new LiquidationLevelModel(options);

        // Typical 200, 10 new contracts = 2 000 USD; no taker ratio → even split: 1 000 per side.
        model.Apply(Bar(0, 201m, 199m, 200m), 0m, 10m, null);

        var levels = model.Levels();
        Assert.Contains(new LiquidationLevel(PositionSide.Long, 160m, 250m), levels); // 200 × (1 − 1/5)
        Assert.Contains(new LiquidationLevel(PositionSide.Long, 196m, 750m), levels); // 200 × (1 − 1/50)
        Assert.Contains(new LiquidationLevel(PositionSide.Short, 240m, 250m), levels);
        Assert.Contains(new LiquidationLevel(PositionSide.Short, 204m, 750m), levels);
    }

    [Fact]
    public void Apply_SamePriceTwice_MergesIntoOneLevel()
    {
        var model = new LiquidationLevelModel(WithMerge());

        model.Apply(Bar(0, 101m, 99m, 100m), 100m, 110m, 1m);
        model.Apply(Bar(5, 100.99m, 99.01m, 100m), 110m, 120m, 1m);

        Assert.Equal(1, model.LongLevelCount);
        Assert.Equal(1, model.ShortLevelCount);
        Assert.Equal(2_000m, model.TotalLongUsd + model.TotalShortUsd);
    }

    [Fact]
    public void Apply_NegativeOrZeroInputs_DoesNotThrowOrInvent()
    {
        var model = new LiquidationLevelModel(OneTier());

        model.Apply(Bar(0, 101m, 99m, 100m), -5m, 10m, 1m);
        model.Apply(Bar(5, 101m, 99m, 100m), 10m, 10m, -2m);
        model.Apply(Bar(10, 0m, 0m, 0m), 10m, 20m, 1m);
        model.Apply(Bar(15, 101m, 99m, 100m), 0m, 0m, null);

        Assert.Empty(model.Levels());
    }

    [Fact]
    public void Apply_OiToZero_ClearsBook()
    {
        var model = new LiquidationLevelModel(OneTier());
        model.Apply(Bar(0, 101m, 99m, 100m), 0m, 10m, 1m);

        model.Apply(Bar(5, 101m, 99m, 100m), 10m, 0m, 1m);

        Assert.Empty(model.Levels());
        Assert.Equal(0m, model.TotalLongUsd);
    }

    [Fact]
    public void Profile_TwoLongBands_LargestFirstWithDistance()
    {
        var model = new LiquidationLevelModel(OneTier());
        model.Apply(Bar(0, 101m, 99m, 100m), 0m, 10m, 1_000_000_000m); // all long: level 90.5, 1 000 USD
        model.Apply(Bar(5, 111m, 109m, 110m), 10m, 40m, 1_000_000_000m); // level 99.55, 3 300 USD

        var profile = model.Profile(110m, 0.005m, 3);

        Assert.Equal(2, profile.LongClusters.Count);
        Assert.Equal(99.55m, profile.LongClusters[0].Price);
        Assert.Equal((99.55m - 110m) / 110m, profile.LongClusters[0].DistanceFraction);
        Assert.Equal(90.5m, profile.LongClusters[1].Price);
        Assert.True(profile.LongClusters[0].NotionalUsd > profile.LongClusters[1].NotionalUsd);
        Assert.DoesNotContain(profile.ShortClusters, c => c.NotionalUsd > 0.01m);
    }

    [Fact]
    public void Build_SnapshotWindow_GridColumnsMatchModel()
    {
        var bars = new[]
        {
            Some.Bar(Some.Now.AddMinutes(-10), 100m, 102m, 98m, 100m, volume: 4m, takerBuy: 3m), // taker 3 / 1
            Some.Bar(Some.Now.AddMinutes(-5), 100m, 101m, 99m, 100m, volume: 2m, takerBuy: 1m),
            Some.Bar(Some.Now, 100m, 105m, 90m, 95m, volume: 2m, takerBuy: 1m),
        };
        var snapshot = Some.Snapshot() with
        {
            Klines = bars,
            OpenInterest = Some.Oi([1000m, 1100m, 1100m]), // at the bar boundaries −10, −5 and 0 min
        };
        var options = OneTier();
        options.GridBuckets = 40;

        var result = LiquidationLevels.Build(snapshot, Some.Now.AddHours(-1), Some.Now, options);

        Assert.Equal(SignalStatus.Ok, result.Status);
        var grid = result.Grid!;
        Assert.Equal(bars.Select(b => b.OpenTime), grid.Times);
        Assert.Equal(40, grid.BucketCount);
        Assert.Equal(90m * 0.9m, grid.PriceMin);
        var longBucket = (int)((90.5m - grid.PriceMin) / grid.BucketSize);
        var shortBucket = (int)((109.5m - grid.PriceMin) / grid.BucketSize);
        Assert.Equal(7_500m, grid.Long(0, longBucket));
        Assert.Equal(2_500m, grid.Short(0, shortBucket));
        Assert.Equal(7_500m, grid.Long(1, longBucket));
        Assert.Equal(0m, grid.Long(2, longBucket)); // the third bar's low of 90 traded through 90.5
        Assert.Equal(2_500m, grid.Short(2, shortBucket));
        Assert.Equal(2_500m, result.Profile!.TotalShortUsd);
        Assert.Equal(0m, result.Profile.TotalLongUsd);
        Assert.Equal(3, result.BarsApplied);
    }

    [Fact]
    public void Build_NoOiOrNoCandles_InsufficientData()
    {
        var noOi = Some.Snapshot() with { Klines = Some.Klines([100m, 101m]) };
        var noBars = Some.Snapshot() with { OpenInterest = Some.Oi([1m, 2m]) };

        Assert.Equal(SignalStatus.InsufficientData, LiquidationLevels.Build(noOi, Some.Now.AddDays(-1), Some.Now, new()).Status);
        Assert.Equal(SignalStatus.InsufficientData, LiquidationLevels.Build(noBars, Some.Now.AddDays(-1), Some.Now, new()).Status);
        Assert.Null(LiquidationLevels.Build(noBars, Some.Now.AddDays(-1), Some.Now, new()).Grid);
    }

    [Fact]
    public void Build_OiStartsAfterCandles_EarlyBarsAttributeNothing()
    {
        var snapshot = Some.Snapshot() with
        {
            Klines = Some.Klines([100m, 100m, 100m, 100m]),
            OpenInterest = Some.Oi([10m, 20m]), // points at now−5 min and now
        };

        var result = LiquidationLevels.Build(snapshot, Some.Now.AddHours(-1), Some.Now, new());

        Assert.Equal(SignalStatus.Ok, result.Status);
        Assert.Equal(4, result.Grid!.Times.Count);
        Assert.Equal(0m, result.Grid.LongNotional.Take(2 * result.Grid.BucketCount).Sum());
        Assert.Equal(2m, result.Reason.Get("bars_with_oi"));
    }

    private static MarketSnapshot ThreeBarsOnePrimary() => Some.Snapshot() with
    {
        Klines =
        [
            Some.Bar(Some.Now.AddMinutes(-10), 100m, 102m, 98m, 100m, volume: 4m, takerBuy: 3m), // taker 3 / 1
            Some.Bar(Some.Now.AddMinutes(-5), 100m, 101m, 99m, 100m, volume: 2m, takerBuy: 1m),
            Some.Bar(Some.Now, 100m, 105m, 90m, 95m, volume: 2m, takerBuy: 1m),
        ],
        OpenInterest = Some.Oi([1000m, 1100m, 1100m]), // the primary venue, at −10, −5 and 0 min
    };

    [Fact]
    public void Build_MarketOiOfTwoVenues_ClustersProportionallyLarger()
    {
        // Primary 1000 → 1100 coins in bar 1, a second venue 500 → 550: summed 1500 → 1650. At typical price 100 the
        // primary alone opens 100 × 100 = 10 000 USD (taker 3:1 → 7 500 long, 2 500 short); the market opens
        // 150 × 100 = 15 000 USD (11 250 long, 3 750 short). Bar 3 trades through the longs' level, the shorts remain.
        var snapshot = ThreeBarsOnePrimary();
        var second = Some.Oi([500m, 550m, 550m]);
        var summed = snapshot.OpenInterest.Zip(second, (p, q) => new OpenInterestPoint(p.Time, p.Contracts + q.Contracts, p.ValueUsd + q.ValueUsd)).ToList();

        var primary = LiquidationLevels.Build(snapshot, Some.Now.AddHours(-1), Some.Now, OneTier());
        var market = LiquidationLevels.Build(snapshot, Some.Now.AddHours(-1), Some.Now, OneTier(), summed);

        Assert.Equal(2_500m, primary.Profile!.TotalShortUsd);
        Assert.Equal(3_750m, market.Profile!.TotalShortUsd);
        Assert.Equal(3_750m, market.Profile.ShortClusters.Sum(c => c.NotionalUsd));
        Assert.Equal(1.5m, market.Profile.ShortClusters.Sum(c => c.NotionalUsd) / primary.Profile.ShortClusters.Sum(c => c.NotionalUsd));
        Assert.Equal(11_250m, market.Grid!.LongNotional.Take(market.Grid.BucketCount).Sum()); // bar 1's column
    }

    [Fact]
    public void Build_MarketOiStartsLater_EarlierBarsUsePrimaryChangeInMarketSize()
    {
        // The summed series only starts at −5 min (1 650 coins, the primary holds 1 100 there: ×1.5). Bar 1 has no
        // market points, so it reads the primary's 1000 → 1100 × 1.5 = 1500 → 1650: the same 15 000 USD as the full
        // summed series, and no jump where the two series meet.
        var snapshot = ThreeBarsOnePrimary();
        var summed = Some.Oi([1650m, 1650m]); // −5 and 0 min

        var result = LiquidationLevels.Build(snapshot, Some.Now.AddHours(-1), Some.Now, OneTier(), summed);

        Assert.Equal(3_750m, result.Profile!.TotalShortUsd);
        Assert.Equal(3m, result.Reason.Get("bars_with_oi"));
    }
}
