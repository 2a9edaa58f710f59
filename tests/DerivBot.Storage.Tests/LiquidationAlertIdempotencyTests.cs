using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Several instances on one database each run their own liquidation streams, so each sees the same events and
/// evaluates them at its own moment: the alert's idempotency key comes from the event, so a chat gets one alert.
/// </summary>
public abstract class LiquidationAlertIdempotencyTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    protected abstract StoreProvider Provider { get; }

    [StoreFact]
    public async Task Liq5m_TwoInstancesSameEventsDifferentMoments_OneOutboxRowNewEpisodeAnother()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "alert", "btc liq5m > 5m cooldown 1m");
        var t0 = w.Clock.GetUtcNow();
        // Instance B: its own engine and store object on the same database, its own clock (it lags behind A).
        var clockB = new ManualTimeProvider(t0);
        var b = new AlertEngine(w.Storage.OpenStore(clockB), w.Store, [w.Classifier], new OutboxSignal(), w.Limits, w.Jobs, clockB, NullLogger<AlertEngine>.Instance, World.Localizer);
        var e1 = new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 50m, t0, VenueIds.Bybit);                  // $3M
        var e2 = new Liquidation(Btc, PositionSide.Long, 60000m, 60000m, 50m, t0.AddSeconds(10), VenueIds.Okx);    // $3M
        foreach (var engine in new[] { w.Alerts, b })
        {
            engine.NoteLiquidationRule(Btc);
        }
        // The two streams deliver the events in different orders (different connections).
        w.Alerts.RecordLiquidation(e1);
        w.Alerts.RecordLiquidation(e2);
        b.RecordLiquidation(e2);
        b.RecordLiquidation(e1);

        w.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default));
        // A's view moves on: e1 leaves its window, the total falls below the threshold and the rule re-arms.
        w.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default));
        // B evaluates later than A's firing (past the 1-minute cooldown) on its lagging view: same event, same key.
        clockB.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await b.EvaluateLiquidationRulesAsync(Btc, default));

        var stats = await w.Store.GetStatsAsync(default);
        Assert.Equal(1, stats.Pending);
        var item = (await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default))!;
        Assert.StartsWith("alert:", item.IdempotencyKey, StringComparison.Ordinal);
        Assert.EndsWith($":liq:okx:{e2.Time.ToUnixTimeMilliseconds()}:L:60000x50", item.IdempotencyKey, StringComparison.Ordinal);

        // A new episode (the total crosses again on a new event, after a calm evaluation re-armed the rule) is a new alert.
        Assert.Equal(0, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default));
        var e3 = new Liquidation(Btc, PositionSide.Short, 61000m, 61000m, 100m, w.Clock.GetUtcNow(), VenueIds.Bybit);
        w.Alerts.RecordLiquidation(e3);
        Assert.Equal(1, await w.Alerts.EvaluateLiquidationRulesAsync(Btc, default));
        Assert.Equal(2, (await w.Store.GetStatsAsync(default)).Pending);
    }

    [StoreFact]
    public void Crossing_SameEventsAnyOrder_LastUpwardCrossingEvent()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
        var window = TimeSpan.FromMinutes(5);
        Liquidation L(int second, decimal qty, string? venue = null) => new(Btc, PositionSide.Long, 100m, 100m, qty, t0.AddSeconds(second), venue);
        // $400 at 0 s, $700 at 10 s (crosses 1,000 there), $500 at 400 s (the 0 s and 10 s events are out by then: $500).
        var events = new[] { L(0, 4m), L(10, 3m, "bybit"), L(10, 4m, "okx"), L(400, 5m) };

        var forward = LiquidationEventKeys.Crossing(events, 1000m, t0.AddSeconds(60), window);
        var backward = LiquidationEventKeys.Crossing(events.Reverse(), 1000m, t0.AddSeconds(60), window);

        Assert.Equal(L(10, 4m, "okx"), forward); // the bucket's largest event represents it
        Assert.Equal(forward, backward);
        Assert.Null(LiquidationEventKeys.Crossing(events, 1000m, t0.AddSeconds(420), window));
        Assert.Null(LiquidationEventKeys.Crossing(events, 5000m, t0.AddSeconds(60), window));
    }
}

public sealed class SqliteLiquidationAlertIdempotencyTests : LiquidationAlertIdempotencyTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresLiquidationAlertIdempotencyTests : LiquidationAlertIdempotencyTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
