using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

public abstract class SubscriptionCommandTests
{
    protected abstract StoreProvider Provider { get; }

    [StoreFact]
    public async Task Subscribe_ValidRequest_StoresAndReschedules()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        var report = await w.RunAsync(chat, "subscribe", "btc quadrant every 4h");
        Assert.Equal(ReportKind.Subscriptions, report.Kind);
        Assert.Contains("BTCUSDT", report.Flatten(), StringComparison.Ordinal);
        var stored = Assert.Single(await w.Store.ListSubscriptionsAsync(chat, default));
        Assert.Equal(Application.Subscriptions.DigestKind.Quadrant, stored.Kind);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 4, 0, 0, TimeSpan.Zero), stored.NextDueAt);
        Assert.Equal(1, w.Scheduler.Calls);
    }

    [StoreTheory]
    [InlineData("ETH liq daily 08:00", "ETHUSDT")]
    [InlineData("eth/usdt liquidations at 8:00", "ETHUSDT")]
    [InlineData("PEPE q 4 hours", "1000PEPEUSDT")]
    [InlineData("btc, eth dash every 1h", "BTCUSDT")]
    public async Task Subscribe_ForgivingInput_IsUnderstood(string arguments, string symbol)
    {
        using var w = new World(Provider);
        var report = await w.RunAsync(World.Telegram(1), "subscribe", arguments);
        Assert.NotEqual(ReportKind.Error, report.Kind);
        Assert.Contains(await w.Store.ListSubscriptionsAsync(World.Telegram(1), default), s => s.Symbol.Value == symbol);
    }

    [StoreTheory]
    [InlineData("", "/subscribe <symbol>")]
    [InlineData("btc", "/subscribe <symbol>")]
    [InlineData("btc weather every 4h", "Unknown report")]
    [InlineData("btc quadrant every banana", "couldn't read the schedule")]
    [InlineData("btc quadrant every 5m", "shortest schedule is every 15m")]
    [InlineData("btcc quadrant", "Did you mean: BTCUSDT")]
    public async Task Subscribe_Mistakes_GetSyntaxBack(string arguments, string expected)
    {
        using var w = new World(Provider);
        var report = await w.RunAsync(World.Telegram(1), "subscribe", arguments);
        Assert.Equal(ReportKind.Error, report.Kind);
        Assert.Contains(expected, report.Flatten(), StringComparison.Ordinal);
        Assert.Empty(await w.Store.ListSubscriptionsAsync(World.Telegram(1), default));
    }

    [StoreFact]
    public async Task Subscribe_MistakeInChinese_AnswersInChatLanguage()
    {
        using var w = new World(Provider);
        var report = await w.RunAsync(World.Telegram(1), "subscribe", "btc quadrant every banana", Language.ZhTw);
        Assert.Contains("看不懂排程", report.Flatten(), StringComparison.Ordinal);
        Assert.Contains("/subscribe <幣種>", report.Flatten(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Subscribe_Duplicate_IsReportedNotDuplicated()
    {
        using var w = new World(Provider);
        await w.RunAsync(World.Telegram(1), "subscribe", "btc quadrant every 4h");
        var again = await w.RunAsync(World.Telegram(1), "subscribe", "BTCUSDT q 4h");
        Assert.Contains("Already subscribed", again.Flatten(), StringComparison.Ordinal);
        Assert.Single(await w.Store.ListSubscriptionsAsync(World.Telegram(1), default));
    }

    [StoreFact]
    public async Task Subscribe_LimitReached_SaysSoClearly()
    {
        using var w = new World(Provider, limits: new Application.Subscriptions.LimitsOptions { MaxSubscriptionsPerChat = 2 });
        await w.RunAsync(World.Telegram(1), "subscribe", "btc q 4h");
        await w.RunAsync(World.Telegram(1), "subscribe", "eth q 4h");
        var third = await w.RunAsync(World.Telegram(1), "subscribe", "sol q 4h");
        Assert.Equal(ReportKind.Error, third.Kind);
        Assert.Contains("limit of 2 subscriptions", third.Flatten(), StringComparison.Ordinal);
        Assert.Equal(2, (await w.Store.ListSubscriptionsAsync(World.Telegram(1), default)).Count);
    }

    [StoreFact(Timeout = 60_000)]
    public async Task Subscribe_ConcurrentCommandsOnOneChat_NeverExceedLimit()
    {
        using var w = new World(Provider, limits: new Application.Subscriptions.LimitsOptions { MaxSubscriptionsPerChat = 50 });
        var chat = World.Telegram(7);
        var schedules = Enumerable.Range(0, 70).Select(i => $"btc q every {15 + i}m").ToList();
        var reports = await Task.WhenAll(schedules.Select(s => Task.Run(() => w.RunAsync(chat, "subscribe", s))));
        Assert.Equal(50, (await w.Store.ListSubscriptionsAsync(chat, default)).Count);
        Assert.Equal(20, reports.Count(r => r.Kind == ReportKind.Error && r.Flatten().Contains("limit of 50", StringComparison.Ordinal)));
    }

    [StoreFact]
    public async Task Unsubscribe_ByIdSymbolAndAll_Removes()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "subscribe", "btc,eth,sol q 4h");
        var subs = await w.Store.ListSubscriptionsAsync(chat, default);
        await w.RunAsync(chat, "unsubscribe", "#" + subs[0].Id);
        Assert.Equal(2, (await w.Store.ListSubscriptionsAsync(chat, default)).Count);
        await w.RunAsync(chat, "unsubscribe", "eth");
        Assert.Equal("SOLUSDT", Assert.Single(await w.Store.ListSubscriptionsAsync(chat, default)).Symbol.Value);
        var none = await w.RunAsync(chat, "unsubscribe", "doge");
        Assert.Equal(ReportKind.Error, none.Kind);
        await w.RunAsync(chat, "unsubscribe", "all");
        Assert.Empty(await w.Store.ListSubscriptionsAsync(chat, default));
    }

    [StoreFact]
    public async Task Settings_LangTzQuietMute_ApplyAtOnce()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "subscribe", "eth liq daily 08:00");
        var lang = await w.RunAsync(chat, "lang", "zh-TW");
        Assert.Equal("本聊天已改用繁體中文。", lang.Flatten().Split('\n')[1]);
        await w.RunAsync(chat, "tz", "Asia/Taipei");
        var settings = (await w.Store.GetChatAsync(chat, default))!;
        Assert.Equal(Language.ZhTw, settings.Language);
        Assert.Equal("Asia/Taipei", settings.TimeZone);
        // 08:00 Taipei is midnight UTC: the daily schedule followed the zone change.
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 0, 0, 0, TimeSpan.Zero), Assert.Single(await w.Store.ListSubscriptionsAsync(chat, default)).NextDueAt);
        await w.RunAsync(chat, "quiet", "23:00-07:00");
        Assert.Equal(new TimeOnly(7, 0), (await w.Store.GetChatAsync(chat, default))!.QuietEnd);
        var badTz = await w.RunAsync(chat, "tz", "Mars/Base");
        Assert.Equal(ReportKind.Error, badTz.Kind);
        await w.RunAsync(chat, "mute", "btc 2h");
        var mute = Assert.Single(await w.Store.ListMutesAsync(chat, w.Clock.GetUtcNow(), default));
        Assert.Equal(w.Clock.GetUtcNow().AddHours(2), mute.Until);
        await w.RunAsync(chat, "mute", "btc off");
        Assert.Empty(await w.Store.ListMutesAsync(chat, w.Clock.GetUtcNow(), default));
        var list = await w.RunAsync(chat, "subs", "", Language.ZhTw);
        Assert.Contains("Asia/Taipei", list.Flatten(), StringComparison.Ordinal);
        Assert.Contains("23:00–07:00", list.Flatten(), StringComparison.Ordinal);
    }
}

public abstract class StudySubscriptionTests
{
    protected abstract StoreProvider Provider { get; }

    [StoreFact]
    public async Task Subscribe_RecapAndQuiz_StoredAndEachChatsRecapRenderedForThatChat()
    {
        using var w = new World(Provider);
        var a = World.Telegram(1);
        var b = World.Telegram(2);

        var recap = await w.RunAsync(a, "subscribe", "recap weekly sun 20:00");
        await w.RunAsync(b, "subscribe", "recap weekly sun 20:00");
        var quiz = await w.RunAsync(a, "subscribe", "BTC quiz venues daily 20:00");
        var perSymbol = await w.RunAsync(b, "subscribe", "BTC recap weekly sun 20:00");

        Assert.NotEqual(ReportKind.Error, recap.Kind);
        Assert.Contains("Weekly recap", recap.Flatten(), StringComparison.Ordinal);
        Assert.Contains("weekly Sun 20:00", recap.Flatten(), StringComparison.Ordinal);
        Assert.NotEqual(ReportKind.Error, quiz.Kind);
        Assert.NotEqual(ReportKind.Error, perSymbol.Kind);
        var subsA = await w.Store.ListSubscriptionsAsync(a, default);
        Assert.Contains(subsA, s => s.Kind == Application.Subscriptions.DigestKind.Recap && s.Symbol.Value == "*");
        Assert.Contains(subsA, s => s.Kind == Application.Subscriptions.DigestKind.QuizVenues && s.Symbol.Value == "BTCUSDT");
        Assert.Contains(await w.Store.ListSubscriptionsAsync(b, default), s => s.Kind == Application.Subscriptions.DigestKind.Recap && s.Symbol.Value == "BTCUSDT");

        // Friday 00:00 UTC → Sunday 20:00 UTC: both "*" recaps are due; each chat's recap is its own render.
        w.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 12, 20, 0, 0, TimeSpan.Zero));
        await w.Digests.RunDueAsync(default);
        Assert.Equal(2, w.Dispatcher.Renders[("recap", "", Language.En)]);
        Assert.Equal(1, w.Dispatcher.Renders[("recap", "BTCUSDT", Language.En)]);
        Assert.Equal(1, w.Dispatcher.Renders[("quiz", "BTCUSDT venues", Language.En)]);
    }
}

public sealed class SqliteSubscriptionCommandTests : SubscriptionCommandTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresSubscriptionCommandTests : SubscriptionCommandTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

public sealed class SqliteStudySubscriptionTests : StudySubscriptionTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresStudySubscriptionTests : StudySubscriptionTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
