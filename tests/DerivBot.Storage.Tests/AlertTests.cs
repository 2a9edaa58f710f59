using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

public abstract class AlertTests
{
    protected abstract StoreProvider Provider { get; }

    private static readonly Symbol Btc = new("BTCUSDT");

    private static async Task<int> EvaluateAsync(World w) =>
        await w.Alerts.EvaluateAsync(await w.Market.GetSnapshotAsync(Btc, default), default);

    [StoreFact]
    public async Task Funding_CooldownAndHysteresis_PreventSpam()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        var created = await w.RunAsync(chat, "alert", "btc funding > 0.05% cooldown 30m");
        Assert.Equal(ReportKind.Alerts, created.Kind);
        w.Market.SetFunding("BTCUSDT", 0.0006m);
        Assert.Equal(1, await EvaluateAsync(w));
        Assert.Equal(0, await EvaluateAsync(w)); // still above: disarmed
        w.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await EvaluateAsync(w)); // cooldown passed, but the condition never cleared
        w.Market.SetFunding("BTCUSDT", 0.0001m);
        Assert.Equal(0, await EvaluateAsync(w)); // clears: re-arms
        w.Market.SetFunding("BTCUSDT", 0.0007m);
        Assert.Equal(1, await EvaluateAsync(w));
        w.Market.SetFunding("BTCUSDT", 0.0001m);
        await EvaluateAsync(w);
        w.Clock.Advance(TimeSpan.FromMinutes(5));
        w.Market.SetFunding("BTCUSDT", 0.0007m);
        Assert.Equal(0, await EvaluateAsync(w)); // re-armed but inside the 30 min cooldown
        Assert.Equal(2, (await w.Store.GetStatsAsync(default)).Pending);
    }

    [StoreFact]
    public async Task Once_DisablesAfterFiring()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "alert", "btc funding > 0.05% once");
        w.Market.SetFunding("BTCUSDT", 0.0006m);
        Assert.Equal(1, await EvaluateAsync(w));
        var rule = Assert.Single(await w.Store.ListAlertsAsync(chat, default));
        Assert.False(rule.Enabled);
        var list = await w.RunAsync(chat, "alerts", "");
        Assert.Contains("fired (once)", list.Flatten(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task QuietHours_HoldThenSummariseOnce()
    {
        using var w = new World(Provider, start: new DateTimeOffset(2025, 10, 10, 23, 30, 0, TimeSpan.Zero));
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "quiet", "23:00-07:00");
        await w.RunAsync(chat, "alert", "btc funding > 0.05%");
        await w.RunAsync(chat, "alert", "btc quadrant long");
        w.Market.SetFunding("BTCUSDT", 0.0006m);
        w.Classifier.State = QuadrantState.LongCrowding;
        Assert.Equal(2, await EvaluateAsync(w));
        Assert.Equal(0, (await w.Store.GetStatsAsync(default)).Pending);
        Assert.Equal(0, await w.Alerts.ReleaseHeldAsync(default));
        w.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 11, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await w.Alerts.ReleaseHeldAsync(default));
        Assert.Equal(0, await w.Alerts.ReleaseHeldAsync(default));
        var item = await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default);
        Assert.Contains("Alerts during quiet hours (2)", item!.Message.Report.Title, StringComparison.Ordinal);
        Assert.Contains("long crowding", item.Message.Report.Flatten(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task QuadrantAlert_ChineseChat_ShowsStateInTheChatsLanguage()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "lang", "zh-TW");
        await w.RunAsync(chat, "alert", "btc quadrant");
        w.Classifier.State = QuadrantState.Deleveraging;

        Assert.Equal(1, await EvaluateAsync(w));

        var text = (await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default))!.Message.Report.Flatten();
        Assert.Contains("去槓桿", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Deleveraging", text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task HourlyCap_FoldsTheRestIntoOneMessage()
    {
        using var w = new World(Provider, limits: new LimitsOptions { AlertsPerHour = 2 });
        var chat = World.Telegram(1);
        foreach (var threshold in new[] { "0.01", "0.02", "0.03", "0.04", "0.05" })
        {
            await w.RunAsync(chat, "alert", $"btc funding > {threshold}%");
        }
        w.Market.SetFunding("BTCUSDT", 0.0006m);
        Assert.Equal(5, await EvaluateAsync(w));
        Assert.Equal(2, (await w.Store.GetStatsAsync(default)).Pending);
        w.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await w.Alerts.ReleaseHeldAsync(default));
        var stats = await w.Store.GetStatsAsync(default);
        Assert.Equal(3, stats.Pending);
        var sender = new RecordingChatSender(ChatPlatform.Telegram);
        var drainer = w.Drainer(sender);
        while (await drainer.DrainOneAsync(sender, default))
        {
        }
        Assert.Contains(sender.Sent, s => s.Message.Report.Title == "3 more alerts");
    }

    [StoreFact]
    public async Task Mute_SuppressesAlerts()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "alert", "btc funding > 0.05%");
        await w.RunAsync(chat, "mute", "all 1h");
        w.Market.SetFunding("BTCUSDT", 0.0006m);
        Assert.Equal(0, await EvaluateAsync(w));
        Assert.Equal(0, (await w.Store.GetStatsAsync(default)).Pending);
    }

    [StoreFact]
    public async Task Liquidation_StreamEvent_FiresWithoutWaitingForRefresh()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "alert", "btc liq5m > 5m", Core.Localization.Language.ZhTw);
        var now = w.Clock.GetUtcNow();
        Assert.Equal(0, await w.Alerts.OnLiquidationAsync(new Liquidation(Btc, PositionSide.Long, 60000, 60000, 50, now), default)); // $3M
        Assert.Equal(1, await w.Alerts.OnLiquidationAsync(new Liquidation(Btc, PositionSide.Long, 60000, 60000, 40, now.AddSeconds(1)), default)); // +$2.4M
        var item = await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default);
        Assert.Contains("5 分鐘爆倉", item!.Message.Report.Title, StringComparison.Ordinal);
        Assert.Equal("liq BTCUSDT", Assert.Single(item.Message.Report.ActionsOrEmpty).Command);
        // Six minutes later the window is empty: the rule re-arms on the next evaluation.
        w.Clock.Advance(TimeSpan.FromMinutes(6));
        await EvaluateAsync(w);
        Assert.True(Assert.Single(await w.Store.ListAlertsAsync(chat, default)).Armed);
    }

    [StoreFact]
    public async Task Alert_Mistakes_GetSyntaxInChatLanguage()
    {
        using var w = new World(Provider);
        var report = await w.RunAsync(World.Telegram(1), "alert", "btc price > 100", Core.Localization.Language.ZhCn);
        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Contains("看不懂条件", report.Flatten(), StringComparison.Ordinal);
        Assert.Contains("/alert <币种> <条件>", report.Flatten(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Percentile_UsesTheBotsOwnHistoryBeyondTheSnapshot()
    {
        using var w = new World(Provider);
        await w.RunAsync(World.Telegram(1), "alert", "btc funding p95");
        var now = w.Clock.GetUtcNow();
        // 60 days of stored settled funding (the snapshot itself carries none).
        var stored = Enumerable.Range(1, 180).Select(i => new FundingRatePoint(now.AddHours(-8 * i), 0.0001m + 0.000001m * (i % 50), null)).ToList();
        await ((Application.Market.IMarketHistoryStore)w.Store).RecordAsync("fake", Btc, stored, [], [], default);
        w.Market.SetFunding("BTCUSDT", 0.0009m);
        Assert.Equal(1, await EvaluateAsync(w));
    }

    [StoreFact(Timeout = 60_000)]
    public async Task RefreshCycle_ManyWatchers_OneSetOfVenueCallsPerSymbol()
    {
        using var w = new World(Provider);
        for (var i = 0; i < 40; i++)
        {
            await w.RunAsync(World.Telegram(i), "subscribe", (i % 2 == 0 ? "btc" : "eth") + " q 4h");
            await w.RunAsync(World.Telegram(i), "alert", "btc funding > 0.05%");
        }
        await w.RunAsync(World.Telegram(99), "alert", "sol rsi");
        var venue = new CountingVenue();
        var refresh = w.Refresh(new VenueRefresher(venue));
        var result = await refresh.RunOnceAsync(default);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], result.Watched.Select(s => s.Value));
        Assert.Equal(1, venue.Calls["premiumIndex"]);
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT" })
        {
            Assert.Equal(1, venue.Calls["oi:" + symbol]);
            Assert.Equal(1, venue.Calls["funding:" + symbol]);
        }
        await refresh.RunOnceAsync(default);
        Assert.Equal(2, venue.Calls["oi:BTCUSDT"]);
        Assert.Equal(6, w.Market.SnapshotReads);
    }

    [StoreFact]
    public async Task History_RecordReadAndPrune()
    {
        using var w = new World(Provider);
        var history = (Application.Market.IMarketHistoryStore)w.Store;
        var now = w.Clock.GetUtcNow();
        var oi = new[] { new OpenInterestPoint(now.AddDays(-100), 1, 2), new OpenInterestPoint(now.AddDays(-1), 3.5m, 4.25m) };
        var ratio = new[] { new RatioPoint(now.AddDays(-1), 1.2m, 0.545m, 0.455m) };
        await history.RecordAsync("fake", Btc, [], oi, ratio, default);
        await history.RecordAsync("fake", Btc, [], oi, ratio, default); // duplicates ignored
        Assert.Equal(2, (await history.GetOpenInterestAsync("fake", Btc, DateTimeOffset.UnixEpoch, default)).Count);
        Assert.Equal(1, await history.PruneAsync(now.AddDays(-90), default));
        var left = Assert.Single(await history.GetOpenInterestAsync("fake", Btc, DateTimeOffset.UnixEpoch, default));
        Assert.Equal(4.25m, left.ValueUsd);
        Assert.Equal(0.545m, Assert.Single(await history.GetLongShortAsync("fake", Btc, DateTimeOffset.UnixEpoch, default)).LongShare);
    }
}

public sealed class SqliteAlertTests : AlertTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresAlertTests : AlertTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
