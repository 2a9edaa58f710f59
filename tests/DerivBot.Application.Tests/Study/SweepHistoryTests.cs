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

    [Fact]
    public async Task SweepRecorder_SameSnapshotTwice_StoresClosedSweepsOnce()
    {
        var snapshot = TestData.Btc();
        var now = TestData.Context(Language.En).Now;
        var store = new InMemorySweepStore();
        var recorder = new SweepRecorder(new FakeMarketData("BTCUSDT").With(snapshot), store, Options.Create(new SignalOptions()),
            new ManualTimeProvider(now), NullLogger<SweepRecorder>.Instance);
        var closed = SweepReports.Sweeps(snapshot, Levels, now).Count(s => s.End <= now);
        Assert.True(closed > 0, "the sample path sweeps at least one cluster");

        Assert.Equal(closed, await recorder.RecordAsync(snapshot, default));
        Assert.Equal(0, await recorder.RecordAsync(snapshot, default));
        Assert.Equal(closed, (await store.GetSweepsAsync(snapshot.Venue, snapshot.Symbol, now.AddDays(-30), now, default)).Count);
        Assert.Equal(SweepReports.CheckedFrom(snapshot, now), await store.GetCheckedSinceAsync(snapshot.Venue, snapshot.Symbol, default));
    }
}
