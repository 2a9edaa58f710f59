using System.Text.Json;
using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Study;

public sealed class SweepHistoryTests
{
    private static readonly LiquidationLevelOptions Levels = new SignalOptions().LiquidationLevels;

    [Fact]
    public async Task CheckAsync_StoredSweepsOlderThanLiquidationRetention_CountInThirtyDaysNotSeven()
    {
        var snapshot = TestData.Btc();
        var ctx = TestData.Context(Language.En);
        var store = new InMemorySweepStore();
        await store.RecordSweepsAsync(snapshot.Venue, snapshot.Symbol, ctx.Now.AddDays(-25), [
            new StoredSweep(snapshot.Venue, snapshot.Symbol.Value, PositionSide.Long, 90m, 91m, 1000m, 300m, 4, ctx.Now.AddDays(-10).AddHours(-1), ctx.Now.AddDays(-10), [snapshot.Venue]),
            new StoredSweep(snapshot.Venue, snapshot.Symbol.Value, PositionSide.Short, 120m, 121m, 3000m, 900m, 9, ctx.Now.AddDays(-20).AddHours(-1), ctx.Now.AddDays(-20), [snapshot.Venue]),
        ], default);
        var live = SweepReports.Sweeps(snapshot, Levels, ctx.Now);

        var reply = await SweepReports.CheckAsync(snapshot, Levels, ctx, store, default);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(reply.Data));
        var calibration = json.RootElement.GetProperty("Calibration");
        var week = calibration[0];
        var month = calibration[1];
        Assert.Equal(live.Count(s => s.End > ctx.Now.AddDays(-7)), week.GetProperty("Sweeps").GetInt32());
        Assert.Equal(2 + live.Count, month.GetProperty("Sweeps").GetInt32());
        Assert.Equal(4000m + live.Sum(s => s.EstimatedUsd), month.GetProperty("EstimatedUsd").GetDecimal());
        Assert.Equal(1200m + live.Sum(s => s.RealisedUsd), month.GetProperty("RealisedUsd").GetDecimal());
        // Stored history reaches 25 days back, so the 30-day window says it covers 25 days.
        Assert.Equal(25 * 24, month.GetProperty("CoveredHours").GetDouble(), 3);
        Assert.Contains("25", new PlainTextReportRenderer().Render(reply.Report), StringComparison.Ordinal);
    }

    private static Kline Bar(DateTimeOffset open, decimal o, decimal h, decimal l, decimal c, decimal volume = 0m, decimal takerBuy = 0m) =>
        new(open, o, h, l, c, volume, open.AddMinutes(5).AddMilliseconds(-1), volume * c, 10, takerBuy, takerBuy * c);

    [Fact]
    public async Task SweepRecorder_HandComputedPathTwice_StoresClosedSweepsOnce()
    {
        // The path of LiquidationSweepsTests.Detect_HandComputedPath: a long sweep [90, 91) in bar 2 (est 7 500,
        // realised 906 + 451 = 1 357) and a short sweep [109.25, 110.2) in bar 3 (est 2 500, realised 219.8).
        var t = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var btc = new Symbol("BTCUSDT");
        var options = new SignalOptions();
        options.LiquidationLevels.Tiers = [new LeverageTier { Leverage = 10m, Weight = 1m }];
        options.LiquidationLevels.MaintenanceMargin = 0.005m;
        options.LiquidationLevels.MergeTolerance = 0m;
        options.LiquidationLevels.ClusterBandFraction = 0.01m;
        options.LiquidationLevels.ClusterCount = 3;
        var snapshot = new MarketSnapshot
        {
            Venue = "binance",
            Symbol = btc,
            DataTime = t.AddMinutes(20),
            KlineInterval = KlineInterval.M5,
            Klines =
            [
                Bar(t, 100m, 102m, 98m, 100m, volume: 4m, takerBuy: 3m),
                Bar(t.AddMinutes(5), 100m, 101m, 99m, 100m),
                Bar(t.AddMinutes(10), 100m, 105m, 90m, 95m),
                Bar(t.AddMinutes(15), 95m, 111m, 95m, 100m),
            ],
            OpenInterest = [new OpenInterestPoint(t, 1000m, 100_000m), new OpenInterestPoint(t.AddMinutes(5), 1100m, 110_000m)],
            Liquidations =
            [
                new(btc, PositionSide.Long, 90.7m, 90.7m, 100m, t.AddMinutes(5.5)),
                new(btc, PositionSide.Long, 90.6m, 90.6m, 10m, t.AddMinutes(11)),
                new(btc, PositionSide.Long, 90.2m, 0m, 5m, t.AddMinutes(14)),
                new(btc, PositionSide.Short, 109.9m, 109.9m, 2m, t.AddMinutes(16)),
            ],
        };
        var store = new InMemorySweepStore();
        // At 20 minutes both crossing bars have closed; at 19 the short one (ending at 20) has not.
        var clock = new ManualTimeProvider(t.AddMinutes(19));
        var recorder = new SweepRecorder(new FakeMarketData("BTCUSDT").With(snapshot), store, Options.Create(options), clock, NullLogger<SweepRecorder>.Instance);

        Assert.Equal(1, await recorder.RecordAsync(snapshot, default));
        clock.SetUtcNow(t.AddMinutes(20));
        Assert.Equal(1, await recorder.RecordAsync(snapshot, default));
        Assert.Equal(0, await recorder.RecordAsync(snapshot, default));

        var stored = await store.GetSweepsAsync("binance", btc, t, t.AddMinutes(20), default);
        Assert.Equal([(PositionSide.Long, 90m, 7500m, 1357m), (PositionSide.Short, 109.25m, 2500m, 219.8m)],
            stored.Select(s => (s.Side, s.BandLow, s.EstimatedUsd, s.RealisedUsd)).ToList());
        Assert.Equal(["binance"], stored[0].RealisedVenues);
        Assert.Equal(t.AddMinutes(5.5), await store.GetCheckedSinceAsync("binance", btc, default)); // oldest liquidation held
    }
}
