using DerivBot.Application.Study;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>The rules every <see cref="ISweepStore"/> keeps; the SQLite store and the in-memory fake both run them.</summary>
public abstract class SweepStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    protected static readonly Symbol Btc = new("BTCUSDT");

    protected abstract ISweepStore Store { get; }

    protected static StoredSweep Sweep(double daysAgo, decimal low, decimal estimated, decimal realised, PositionSide side = PositionSide.Long)
    {
        var crossed = Now - TimeSpan.FromDays(daysAgo);
        return new("binance", Btc.Value, side, low, low + 1m, estimated, realised, 3, crossed - TimeSpan.FromHours(1), crossed, ["binance"]);
    }

    [StoreFact]
    public async Task RecordSweeps_SameSweepTwice_StoredOnceFirstWins()
    {
        Assert.Equal(2, await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-3), [Sweep(1, 90m, 1000m, 200m), Sweep(1, 90m, 1000m, 200m, PositionSide.Short)], default));
        // The same sweep re-detected a cycle later with a slightly different estimate: the stored one stays.
        Assert.Equal(0, await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-2), [Sweep(1, 90.000m, 1100m, 250m)], default));

        var stored = await Store.GetSweepsAsync("binance", Btc, Now.AddDays(-30), Now, default);
        Assert.Equal([(PositionSide.Long, 1000m, 200m), (PositionSide.Short, 1000m, 200m)], stored.Select(s => (s.Side, s.EstimatedUsd, s.RealisedUsd)).ToList());
        var first = stored[0];
        Assert.Equal((90m, 91m, 3, Now.AddDays(-1).AddHours(-1), Now.AddDays(-1)), (first.BandLow, first.BandHigh, first.RealisedCount, first.EnteredAt, first.CrossedAt));
        Assert.Equal(["binance"], first.RealisedVenues);
        Assert.Equal(0.2m, first.Ratio);
        // Coverage keeps the earliest check; other symbols and venues are separate.
        Assert.Equal(Now.AddDays(-3), await Store.GetCheckedSinceAsync("binance", Btc, default));
        Assert.Null(await Store.GetCheckedSinceAsync("binance", new Symbol("ETHUSDT"), default));
        Assert.Empty(await Store.GetSweepsAsync("okx", Btc, Now.AddDays(-30), Now, default));
    }

    [StoreFact]
    public async Task GetSweeps_WindowIsExclusiveStartInclusiveEnd_OldestFirst()
    {
        await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-40), [Sweep(0, 101m, 1m, 1m), Sweep(7, 99m, 1m, 1m), Sweep(3, 100m, 1m, 1m)], default);
        var week = await Store.GetSweepsAsync("binance", Btc, Now.AddDays(-7), Now, default);
        Assert.Equal([100m, 101m], week.Select(s => s.BandLow).ToList());
    }

    [StoreFact]
    public async Task Calibrate_StoredSweeps_SevenAndThirtyDaysHandComputed()
    {
        // Crossed 1, 5, 10 and 25 days ago; the stored history starts 28 days ago, so the 30-day window covers 28 days.
        await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-28), [
            Sweep(1, 100m, 1000m, 400m), Sweep(5, 102m, 3000m, 600m), Sweep(10, 95m, 2000m, 1500m), Sweep(25, 90m, 4000m, 500m)], default);
        var sweeps = (await Store.GetSweepsAsync("binance", Btc, Now.AddDays(-30), Now, default)).Select(s => s.ToSweep()).ToList();
        var since = (await Store.GetCheckedSinceAsync("binance", Btc, default))!.Value;

        var week = LiquidationSweeps.Calibrate(sweeps, Now, TimeSpan.FromDays(7), since);
        var month = LiquidationSweeps.Calibrate(sweeps, Now, TimeSpan.FromDays(30), since);

        // 7 d: (400 + 600) / (1000 + 3000) = 0.25 over 2 sweeps, fully covered.
        Assert.Equal((2, 4000m, 1000m, 0.25m, TimeSpan.FromDays(7)), (week.Sweeps, week.EstimatedUsd, week.RealisedUsd, week.Ratio, week.Covered));
        // 30 d: (400 + 600 + 1500 + 500) / (1000 + 3000 + 2000 + 4000) = 3000 / 10000 = 0.3 over 4, covering 28 days.
        Assert.Equal((4, 10000m, 3000m, 0.3m, TimeSpan.FromDays(28)), (month.Sweeps, month.EstimatedUsd, month.RealisedUsd, month.Ratio, month.Covered));
    }

    [StoreFact]
    public async Task PruneSweeps_OlderThanCutGoneCoverageCut()
    {
        await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-120), [Sweep(100, 90m, 1m, 1m), Sweep(10, 91m, 1m, 1m)], default);
        Assert.Equal(1, await Store.PruneSweepsAsync(Now.AddDays(-90), default));
        Assert.Equal([91m], (await Store.GetSweepsAsync("binance", Btc, DateTimeOffset.UnixEpoch, Now, default)).Select(s => s.BandLow).ToList());
        Assert.Equal(Now.AddDays(-90), await Store.GetCheckedSinceAsync("binance", Btc, default));
    }
}

public sealed class InMemorySweepStoreContractTests : SweepStoreContract
{
    protected override ISweepStore Store { get; } = new InMemorySweepStore();
}

/// <summary>The sweep contract on a real store: a restart keeps the keys, the market-history prune reaches sweeps.</summary>
public abstract class SweepStoreTests(StoreProvider provider) : SweepStoreContract, IDisposable
{
    private readonly StoreDatabase _database = provider.CreateDatabase();
    private IStoreUnderTest? _store;

    protected override ISweepStore Store => _store ??= _database.OpenStore(new ManualTimeProvider(Now));

    [StoreFact]
    public async Task RecordSweeps_AfterRestart_SameSweepNotStoredAgain()
    {
        await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-1), [Sweep(1, 90m, 1000m, 200m)], default);
        await _database.MigrateAsync(null, default);
        var again = _database.OpenStore(new ManualTimeProvider(Now));
        Assert.Equal(0, await again.RecordSweepsAsync("binance", Btc, Now.AddDays(-1), [Sweep(1, 90.0m, 1000m, 200m)], default));
        Assert.Single(await again.GetSweepsAsync("binance", Btc, Now.AddDays(-30), Now, default));
    }

    [StoreFact]
    public async Task HistoryPrune_AlsoPrunesSweeps()
    {
        await Store.RecordSweepsAsync("binance", Btc, Now.AddDays(-120), [Sweep(100, 90m, 1m, 1m)], default);
        var history = (Application.Market.IMarketHistoryStore)Store;
        Assert.True(await history.PruneAsync(Now.AddDays(-90), default) >= 1);
        Assert.Empty(await Store.GetSweepsAsync("binance", Btc, DateTimeOffset.UnixEpoch, Now, default));
    }

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSweepStoreContractTests() : SweepStoreTests(StoreProvider.Sqlite);

public sealed class PostgresSweepStoreContractTests() : SweepStoreTests(StoreProvider.Postgres), IRequiresPostgres;
