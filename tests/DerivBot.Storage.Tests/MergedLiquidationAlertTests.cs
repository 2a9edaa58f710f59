using DerivBot.Application.Market;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Storage.Tests;

/// <summary>liq5m on the merged flow: the market store's books (all venues, duplicates once) feed the alert engine.</summary>
public abstract class MergedLiquidationAlertTests
{
    protected abstract StoreProvider Provider { get; }

    private static readonly Symbol Btc = new("BTCUSDT");

    private sealed class EngineListener(Application.Alerts.AlertEngine engine) : Application.Market.ILiquidationListener
    {
        public void OnLiquidation(Liquidation liquidation) => engine.RecordLiquidation(liquidation);
    }

    [StoreFact]
    public async Task Liq5m_VenuesTogetherCrossThreshold_FiresOnceAndReplayIsNotCounted()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "alert", "btc liq5m > 5m");
        using var store = new MarketStore(new CountingVenue(), Microsoft.Extensions.Options.Options.Create(new MarketOptions()), w.Clock,
            [new EngineListener(w.Alerts)], NullLogger<MarketStore>.Instance);
        var now = w.Clock.GetUtcNow();

        var binance = new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 30m, now);                          // $1.8M
        var bybit = new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 40m, now.AddSeconds(1), VenueIds.Bybit); // $2.4M
        var okx = new Liquidation(Btc, PositionSide.Short, 60000m, 60000m, 20m, now.AddSeconds(2), VenueIds.Okx);   // $1.2M

        store.OnLiquidation(binance);
        store.OnLiquidation(bybit);
        Assert.Equal(0, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default)); // $4.2M: no venue alone, not yet together

        // A Bybit reconnect replays the same event: counted once, so still $4.2M (double counting would make $6.6M).
        store.OnLiquidation(bybit);
        Assert.Equal(0, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default));
        Assert.Equal(2, (await store.GetSnapshotAsync(Btc, default)).Liquidations.Count);

        store.OnLiquidation(okx);
        Assert.Equal(1, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default)); // $5.4M across three venues
        var item = await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default);
        Assert.NotNull(item);
    }
}

public sealed class SqliteMergedLiquidationAlertTests : MergedLiquidationAlertTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresMergedLiquidationAlertTests : MergedLiquidationAlertTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
