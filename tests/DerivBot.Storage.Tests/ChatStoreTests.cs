using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

/// <summary>
/// The chat registry, and what two instances of the bot on one database (two stores, two database objects) may do
/// at the same time: the same contract for both providers.
/// </summary>
public abstract class ChatStoreTests(StoreProvider provider) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 10, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly Symbol Btc = new("BTCUSDT");

    private readonly StoreDatabase _database = provider.CreateDatabase();
    private readonly ManualTimeProvider _clock = new(T0);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private static OutboxDraft Draft(ChatAddress chat, string key) =>
        new(chat, OutboxKind.Alert, key, new OutboundMessage(new Report(ReportKind.Info, key, [])));

    [StoreFact]
    public async Task Chat_CreatedOnceSettingsKept_InactiveAndBackAgain()
    {
        var store = _database.OpenStore(_clock);
        var chat = new ChatAddress(ChatPlatform.Discord, "42", "7");

        var created = await store.GetOrCreateAsync(chat, Language.ZhCn, default);
        Assert.Equal((Language.ZhCn, "UTC", true), (created.Language, created.TimeZone, created.Active));
        Assert.Equal(Language.ZhCn, (await store.GetOrCreateAsync(chat, Language.En, default)).Language); // the hint only names a new chat's language
        await store.SetLanguageAsync(chat, Language.ZhTw, default);
        await store.SetQuietHoursAsync(chat, new TimeOnly(22, 30), new TimeOnly(7, 0), default);
        await store.MarkInactiveAsync(chat, "blocked", default);
        var inactive = await store.GetChatAsync(chat, default);
        Assert.Equal((Language.ZhTw, false, new TimeOnly(22, 30), new TimeOnly(7, 0)), (inactive!.Language, inactive.Active, inactive.QuietStart, inactive.QuietEnd));
        await store.MarkActiveAsync(chat, default);
        Assert.True((await store.GetChatAsync(chat, default))!.Active);
        Assert.Null(await store.GetChatAsync(chat with { ThreadId = null }, default)); // another thread is another chat
    }

    [StoreFact]
    public async Task Migrate_ToKnownChat_MovesEverythingDuplicatesDroppedOldChatGone()
    {
        var store = _database.OpenStore(_clock);
        var group = new ChatAddress(ChatPlatform.Telegram, "-100");
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1001000");
        var daily = DigestSchedule.DailyAt(new TimeOnly(8, 0));
        await store.AddSubscriptionsAsync(group, [new NewSubscription(Btc, DigestKind.Quadrant, daily, T0.AddHours(8)), new NewSubscription(new Symbol("ETHUSDT"), DigestKind.Quadrant, daily, T0.AddHours(8))], 10, default);
        await store.AddSubscriptionsAsync(supergroup, [new NewSubscription(Btc, DigestKind.Quadrant, daily, T0.AddHours(8))], 10, default);
        await store.MuteAsync(group, Btc, T0.AddDays(1), default);
        await store.MuteAsync(supergroup, Btc, T0.AddDays(2), default);
        await store.EnqueueAsync(Draft(group, "k1"), T0, default);

        await store.MigrateAsync(group, supergroup, default);
        await store.MigrateAsync(group, supergroup, default); // again: nothing left to move

        Assert.Null(await store.GetChatAsync(group, default));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], (await store.ListSubscriptionsAsync(supergroup, default)).Select(s => s.Symbol.Value).Order().ToList());
        Assert.Equal(T0.AddDays(2), Assert.Single(await store.ListMutesAsync(supergroup, T0, default)).Until); // the new chat's own mute stays
        var item = await store.PeekNextAsync(ChatPlatform.Telegram, T0, default);
        Assert.Equal(supergroup, item!.Chat);
    }

    [StoreFact]
    public async Task Migrate_ToUnknownChat_RenamesTheChat()
    {
        var store = _database.OpenStore(_clock);
        var from = new ChatAddress(ChatPlatform.Telegram, "-100");
        var to = new ChatAddress(ChatPlatform.Telegram, "-1002000");
        await store.SetLanguageAsync(from, Language.ZhTw, default);
        await store.MigrateAsync(from, to, default);
        Assert.Null(await store.GetChatAsync(from, default));
        Assert.Equal(Language.ZhTw, (await store.GetChatAsync(to, default))!.Language);
    }

    [StoreFact(Timeout = 120_000)]
    public async Task TwoInstances_AddingToOneChatAtOnce_NeverPassTheLimit()
    {
        var first = _database.OpenStore(_clock);
        await first.GetOrCreateAsync(World.Telegram(1), null, default);
        var second = _database.OpenStore(_clock);
        var every = DigestSchedule.Every(TimeSpan.FromHours(4));
        // 2 × 10 distinct subscriptions race for 10 places.
        var adds = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).AddSubscriptionsAsync(World.Telegram(1),
            [new NewSubscription(new Symbol("S" + i + "USDT"), DigestKind.Quadrant, every, T0)], 10, default)).ToList();

        var outcomes = await Task.WhenAll(adds);

        Assert.Equal(10, outcomes.Count(o => !o.LimitReached));
        Assert.Equal(10, (await first.ListSubscriptionsAsync(World.Telegram(1), default)).Count);
    }

    [StoreFact(Timeout = 120_000)]
    public async Task TwoInstances_FiringOneRuleAtOnce_OneEnqueuedOneStale()
    {
        var first = _database.OpenStore(_clock);
        var second = _database.OpenStore(_clock);
        var chat = World.Telegram(1);
        var added = await first.AddAlertAsync(chat, new NewAlertRule(Btc, new AlertCondition(AlertMetric.Funding, AlertDirection.Above, 0.0005m), TimeSpan.FromMinutes(30), Repeat: true), 10, T0, default);
        var rule = Assert.Single(added.Added);
        // Each instance saw the event at its own moment: different keys, so only the rule's armed flag can stop the second.
        var firings = new[] { first, second }.Select((store, i) => store.RecordFiringAsync(
            new AlertFiring(rule.Id, T0.AddMinutes(1), Draft(chat, "fire-" + i), "held", null, 10), default));

        var outcomes = await Task.WhenAll(firings);

        Assert.Equal([AlertFiringOutcome.Enqueued, AlertFiringOutcome.Stale], outcomes.Order().ToList());
        Assert.Equal(1, (await first.GetStatsAsync(default)).Pending);
    }

    [StoreFact(Timeout = 120_000)]
    public async Task TwoInstances_EnqueueingOneKeyAtOnce_StoredOnce()
    {
        var first = _database.OpenStore(_clock);
        var second = _database.OpenStore(_clock);
        var chat = World.Telegram(5);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).EnqueueAsync(Draft(chat, "digest:5:slot"), T0, default)));
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(1, (await second.GetStatsAsync(default)).Pending);
    }
}

public sealed class SqliteChatStoreTests() : ChatStoreTests(StoreProvider.Sqlite);

public sealed class PostgresChatStoreTests() : ChatStoreTests(StoreProvider.Postgres), IRequiresPostgres;
