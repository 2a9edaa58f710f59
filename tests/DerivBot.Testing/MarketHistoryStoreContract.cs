using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IMarketHistoryStore"/> does, the SQLite and PostgreSQL stores and
/// <see cref="InMemoryMarketHistoryStore"/> alike: the three series come back as recorded, oldest first, one point per
/// time (the first recorded wins), from <c>since</c> inclusive, keyed by venue and symbol; decimals and a missing mark
/// price survive; prune deletes strictly before its cutoff and says how many.
/// </summary>
public abstract class MarketHistoryStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly Symbol Btc = new("BTCUSDT");
    protected static readonly Symbol Eth = new("ETHUSDT");

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IMarketHistoryStore> CreateAsync();

    private static DateTimeOffset H(int hours) => T0.AddHours(hours);

    private static FundingRatePoint Funding(int hours, decimal rate, decimal? mark = 97_000.5m) => new(H(hours), rate, mark);

    private static OpenInterestPoint Oi(int hours, decimal contracts) => new(H(hours), contracts, contracts * 97_000m);

    private static RatioPoint Ratio(int hours, decimal longShare) => new(H(hours), longShare / (1 - longShare), longShare, 1 - longShare);

    [StoreFact]
    public async Task RecordAsync_ThreeSeries_ReadBackOldestFirstAsRecorded()
    {
        var store = await CreateAsync();
        FundingRatePoint[] funding = [Funding(16, -0.00002500m), Funding(0, 0.0001m), Funding(8, 0.00012345m, mark: null)];
        OpenInterestPoint[] oi = [Oi(1, 81_234.567m), Oi(0, 80_000.001m)];
        RatioPoint[] ratio = [Ratio(0, 0.6123m), Ratio(1, 0.4877m)];

        await store.RecordAsync("binance", Btc, funding, oi, ratio, default);

        Assert.Equal(funding.OrderBy(p => p.Time), await store.GetFundingAsync("binance", Btc, T0, default));
        Assert.Equal(oi.OrderBy(p => p.Time), await store.GetOpenInterestAsync("binance", Btc, T0, default));
        Assert.Equal(ratio, await store.GetLongShortAsync("binance", Btc, T0, default));
        Assert.Null((await store.GetFundingAsync("binance", Btc, H(8), default))[0].MarkPrice);
    }

    [StoreFact]
    public async Task RecordAsync_TimeAlreadyStored_FirstPointKept()
    {
        var store = await CreateAsync();
        await store.RecordAsync("binance", Btc, [Funding(0, 0.0001m)], [Oi(0, 10m)], [Ratio(0, 0.6m)], default);

        await store.RecordAsync("binance", Btc, [Funding(0, 0.0009m), Funding(8, 0.0002m), Funding(8, 0.0003m)], [Oi(0, 99m)], [Ratio(0, 0.1m)], default);

        Assert.Equal([Funding(0, 0.0001m), Funding(8, 0.0002m)], await store.GetFundingAsync("binance", Btc, T0, default));
        Assert.Equal([Oi(0, 10m)], await store.GetOpenInterestAsync("binance", Btc, T0, default));
        Assert.Equal([Ratio(0, 0.6m)], await store.GetLongShortAsync("binance", Btc, T0, default));
    }

    [StoreFact]
    public async Task GetAsync_Since_InclusiveOfThatTime()
    {
        var store = await CreateAsync();
        await store.RecordAsync("binance", Btc, [Funding(0, 0.0001m), Funding(8, 0.0002m), Funding(16, 0.0003m)], [Oi(0, 1m), Oi(8, 2m)], [Ratio(0, 0.5m), Ratio(8, 0.55m)], default);

        Assert.Equal([Funding(8, 0.0002m), Funding(16, 0.0003m)], await store.GetFundingAsync("binance", Btc, H(8), default));
        Assert.Equal([Oi(8, 2m)], await store.GetOpenInterestAsync("binance", Btc, H(8), default));
        Assert.Equal([Ratio(8, 0.55m)], await store.GetLongShortAsync("binance", Btc, H(7), default));
        Assert.Empty(await store.GetFundingAsync("binance", Btc, H(17), default));
    }

    [StoreFact]
    public async Task GetAsync_OtherVenueOrSymbol_SeparateSeries()
    {
        var store = await CreateAsync();
        await store.RecordAsync("binance", Btc, [Funding(0, 0.0001m)], [Oi(0, 1m)], [Ratio(0, 0.5m)], default);
        await store.RecordAsync("bybit", Btc, [Funding(0, 0.0004m)], [], [], default);

        Assert.Equal([Funding(0, 0.0004m)], await store.GetFundingAsync("bybit", Btc, T0, default));
        Assert.Empty(await store.GetOpenInterestAsync("bybit", Btc, T0, default));
        Assert.Empty(await store.GetFundingAsync("binance", Eth, T0, default));
        Assert.Empty(await store.GetLongShortAsync("okx", Btc, T0, default));
        Assert.Equal([Funding(0, 0.0001m)], await store.GetFundingAsync("binance", Btc, T0, default));
    }

    [StoreFact]
    public async Task RecordAsync_NothingToRecord_NothingStored()
    {
        var store = await CreateAsync();

        await store.RecordAsync("binance", Btc, [], [], [], default);

        Assert.Empty(await store.GetFundingAsync("binance", Btc, DateTimeOffset.UnixEpoch, default));
        Assert.Equal(0, await store.PruneAsync(H(1_000), default));
    }

    [StoreFact]
    public async Task PruneAsync_DeletesStrictlyBeforeAndCountsAcrossSeriesAndSymbols()
    {
        var store = await CreateAsync();
        await store.RecordAsync("binance", Btc, [Funding(0, 0.0001m), Funding(8, 0.0002m)], [Oi(0, 1m), Oi(9, 2m)], [Ratio(0, 0.5m)], default);
        await store.RecordAsync("bybit", Eth, [Funding(4, 0.0003m)], [], [], default);

        var deleted = await store.PruneAsync(H(8), default);

        Assert.Equal(4, deleted);
        Assert.Equal([Funding(8, 0.0002m)], await store.GetFundingAsync("binance", Btc, T0, default));
        Assert.Equal([Oi(9, 2m)], await store.GetOpenInterestAsync("binance", Btc, T0, default));
        Assert.Empty(await store.GetLongShortAsync("binance", Btc, T0, default));
        Assert.Empty(await store.GetFundingAsync("bybit", Eth, T0, default));
        Assert.Equal(0, await store.PruneAsync(H(8), default));
    }

    [StoreFact]
    public async Task RecordAsync_AfterPrune_TimeCanBeRecordedAgain()
    {
        var store = await CreateAsync();
        await store.RecordAsync("binance", Btc, [Funding(0, 0.0001m)], [], [], default);
        await store.PruneAsync(H(1), default);

        await store.RecordAsync("binance", Btc, [Funding(0, 0.0005m)], [], [], default);

        Assert.Equal([Funding(0, 0.0005m)], await store.GetFundingAsync("binance", Btc, T0, default));
    }
}
