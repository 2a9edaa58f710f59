using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Testing;
namespace DerivBot.Storage.Tests;

/// <summary>The options history (migration 4): the same contract for SQLite, PostgreSQL and the in-memory fake.</summary>
public abstract class OptionsHistoryContract
{
    protected static readonly DateTimeOffset T0 = new(2025, 10, 10, 0, 0, 0, TimeSpan.Zero);

    protected abstract IOptionsHistoryStore Store { get; }

    [StoreFact]
    public async Task Contract_RecordAndRead_OldestFirstNullsKeptDuplicatesIgnoredPerVenueAndAsset()
    {
        var store = Store;
        await store.RecordOptionsAsync("deribit", "BTC", new OptionsHistoryPoint(T0.AddHours(2), 0.7123456789m, null, 0.58m, 0.55m, 120_000.5m), CancellationToken.None);
        await store.RecordOptionsAsync("deribit", "BTC", new OptionsHistoryPoint(T0, null, 1.2m, null, null, null), CancellationToken.None);
        await store.RecordOptionsAsync("deribit", "BTC", new OptionsHistoryPoint(T0, 9m, 9m, 9m, 9m, 9m), CancellationToken.None);
        await store.RecordOptionsAsync("deribit", "ETH", new OptionsHistoryPoint(T0, 0.9m, null, null, null, null), CancellationToken.None);
        await store.RecordOptionsAsync("replay:deribit", "BTC", new OptionsHistoryPoint(T0, 0.1m, null, null, null, null), CancellationToken.None);

        var btc = await store.GetOptionsAsync("deribit", "BTC", T0.AddHours(-1), CancellationToken.None);

        Assert.Equal(2, btc.Count);
        Assert.Equal(T0, btc[0].Time);
        Assert.Null(btc[0].PutCallOiRatio); // the first point at T0 stays; the duplicate is ignored
        Assert.Equal(1.2m, btc[0].PutCallVolumeRatio);
        Assert.Equal(0.7123456789m, btc[1].PutCallOiRatio);
        Assert.Equal(120_000.5m, btc[1].UnderlyingPrice);
        Assert.Single(await store.GetOptionsAsync("deribit", "BTC", T0.AddHours(1), CancellationToken.None));

        Assert.Equal(3, await store.PruneOptionsAsync(T0.AddHours(1), CancellationToken.None));
        Assert.Single(await store.GetOptionsAsync("deribit", "BTC", DateTimeOffset.MinValue, CancellationToken.None));
        Assert.Empty(await store.GetOptionsAsync("deribit", "ETH", DateTimeOffset.MinValue, CancellationToken.None));
    }
}

public sealed class FakeOptionsHistoryContractTests : OptionsHistoryContract
{
    protected override IOptionsHistoryStore Store { get; } = new FakeOptionsHistoryStore();
}

/// <summary>The options history in a real store, where the market-history prune reaches it too.</summary>
public abstract class OptionsHistoryTests(StoreProvider provider) : OptionsHistoryContract, IDisposable
{
    private readonly StoreDatabase _database = provider.CreateDatabase();
    private IStoreUnderTest? _store;

    protected override IOptionsHistoryStore Store => _store ??= _database.OpenStore(new ManualTimeProvider(T0));

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [StoreFact]
    public async Task MarketHistoryPrune_AlsoPrunesTheOptionsHistory()
    {
        var store = (IStoreUnderTest)Store;
        await store.RecordOptionsAsync("deribit", "BTC", new OptionsHistoryPoint(T0, 0.7m, null, null, null, null), CancellationToken.None);

        var pruned = await ((Application.Market.IMarketHistoryStore)store).PruneAsync(T0.AddDays(1), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Empty(await store.GetOptionsAsync("deribit", "BTC", DateTimeOffset.MinValue, CancellationToken.None));
    }
}

public sealed class SqliteOptionsHistoryTests() : OptionsHistoryTests(StoreProvider.Sqlite);

public sealed class PostgresOptionsHistoryTests() : OptionsHistoryTests(StoreProvider.Postgres), IRequiresPostgres;

/// <summary><c>/alert BTC pcr &gt; 1.0</c> through the alert engine, on the real store.</summary>
public abstract class PutCallAlertTests
{
    protected abstract StoreProvider Provider { get; }

    private static readonly Core.Markets.Symbol Btc = new("BTCUSDT");

    private static OptionChain Chain(DateTimeOffset now, decimal puts, decimal calls)
    {
        Assert.True(OptionName.TryParse("BTC-26DEC25-100000-C", out var c));
        Assert.True(OptionName.TryParse("BTC-26DEC25-100000-P", out var p));
        return new OptionChain("BTC", "deribit", now, 100_000m,
            [new OptionSummary("BTC-26DEC25-100000-C", c, calls, null, null, null, null), new OptionSummary("BTC-26DEC25-100000-P", p, puts, null, null, null, null)]);
    }

    [StoreFact]
    public async Task PutCallAbove_FiresOnceThenRearmsWhenItClears()
    {
        var venue = new FakeOptionsVenue();
        using var w = new World(Provider, optionsVenue: venue);
        var chat = World.Telegram(1);
        Assert.Equal(Core.Reports.ReportKind.Alerts, (await w.RunAsync(chat, "alert", "btc pcr > 1.0 cooldown 5m")).Kind);

        async Task<int> EvaluateAt(decimal puts, decimal calls)
        {
            venue.Set(Chain(w.Clock.GetUtcNow(), puts, calls));
            return await w.Alerts.EvaluateAsync(await w.Market.GetSnapshotAsync(Btc, default), default);
        }

        Assert.Equal(1, await EvaluateAt(12m, 10m));   // 1.2 ≥ 1.0
        w.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await EvaluateAt(13m, 10m));   // still above: disarmed
        Assert.Equal(0, await EvaluateAt(8m, 10m));    // 0.8: clears and re-arms
        Assert.Equal(1, await EvaluateAt(11m, 10m));
        venue.Failure = new Core.Ports.VenueException("deribit", Core.Ports.VenueErrorKind.Unreachable, "down");
        w.Clock.Advance(TimeSpan.FromMinutes(10));
        // Deribit down: the last chain is stale, so nothing fires and nothing re-arms.
        Assert.Equal(0, await w.Alerts.EvaluateAsync(await w.Market.GetSnapshotAsync(Btc, default), default));
        Assert.Equal(2, (await w.Store.GetStatsAsync(default)).Pending);
    }
}

public sealed class SqlitePutCallAlertTests : PutCallAlertTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresPutCallAlertTests : PutCallAlertTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
