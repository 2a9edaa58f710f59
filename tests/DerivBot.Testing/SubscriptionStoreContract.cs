using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="ISubscriptionStore"/> must do, the SQLite store, the PostgreSQL store and
/// <see cref="InMemorySubscriptionStore"/> alike: chat settings (created by their first write, quiet hours to the
/// minute), adds under a per-chat limit that are all-or-nothing and report duplicates, removal by id, symbol or all,
/// due subscriptions with their chat, mutes and retry state, digests recorded once per key in the outbox with the
/// schedule advance, the once-per-outage skip notice, mutes, and the watched symbols shared with alert rules.
/// </summary>
public abstract class SubscriptionStoreContract : StorePortsContract
{
    private static readonly DigestSchedule Hourly = DigestSchedule.Every(TimeSpan.FromHours(1));
    private static readonly DigestSchedule Daily = DigestSchedule.DailyAt(new TimeOnly(8, 0));

    private static NewSubscription Sub(Symbol symbol, DigestSchedule? schedule = null, DigestKind kind = DigestKind.Quadrant, int dueInMinutes = 60) =>
        new(symbol, kind, schedule ?? Hourly, T0.AddMinutes(dueInMinutes));

    protected static OutboxDraft Draft(ChatAddress chat, string key, OutboxKind kind = OutboxKind.Digest) =>
        new(chat, kind, key, new OutboundMessage(new Report(ReportKind.Info, key, [ParagraphBlock.Of("body")])));

    private static async Task<Subscription> AddOneAsync(ISubscriptionStore store, ChatAddress chat, NewSubscription subscription) =>
        Assert.Single((await store.AddSubscriptionsAsync(chat, [subscription], 10, default)).Added);

    [StoreFact]
    public async Task ChatSettings_FirstWriteCreatesTheChat_EachSettingKept()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        Assert.Null(await store.GetChatAsync(Group, default));

        await store.SetLanguageAsync(Group, Language.ZhTw, default);
        await store.SetQuietHoursAsync(Topic, new TimeOnly(22, 0, 30), new TimeOnly(7, 15), default);

        Assert.Equal(new ChatSettings(Group, Language.ZhTw, "UTC", Active: true), await store.GetChatAsync(Group, default));
        // Kept to the minute; a topic is a chat of its own.
        Assert.Equal(new ChatSettings(Topic, Language.En, "UTC", true, new TimeOnly(22, 0), new TimeOnly(7, 15)), await store.GetChatAsync(Topic, default));
        await store.SetQuietHoursAsync(Topic, null, null, default);
        Assert.Equal(new ChatSettings(Topic, Language.En, "UTC", Active: true), await store.GetChatAsync(Topic, default));
        Assert.Equal(Language.ZhTw, (await ports.Chats.GetOrCreateAsync(Group, Language.En, default)).Language);
    }

    [StoreFact]
    public async Task SetTimeZone_ChatWithSubscriptions_ZoneStoredEveryNextDueMoved()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var a = await AddOneAsync(store, Group, Sub(Btc));
        var b = await AddOneAsync(store, Group, Sub(Eth, Daily));
        var other = await AddOneAsync(store, Channel, Sub(Btc));

        await store.SetTimeZoneAsync(Group, "Asia/Taipei", s => s.NextDueAt.AddHours(s.Symbol == Btc ? 1 : 2), default);

        Assert.Equal("Asia/Taipei", (await store.GetChatAsync(Group, default))!.TimeZone);
        Assert.Equal([(a.Id, T0.AddHours(2)), (b.Id, T0.AddHours(3))], (await store.ListSubscriptionsAsync(Group, default)).Select(s => (s.Id, s.NextDueAt)));
        Assert.Equal(other.NextDueAt, Assert.Single(await store.ListSubscriptionsAsync(Channel, default)).NextDueAt);
    }

    [StoreFact]
    public async Task AddSubscriptions_NewRepeatedAndExisting_AddedOnceExistingReported()
    {
        var (ports, clock) = await NewAsync();
        var store = ports.Subscriptions;
        clock.Advance(TimeSpan.FromSeconds(5));

        var first = await store.AddSubscriptionsAsync(Group, [Sub(Btc), Sub(Btc), Sub(Btc, Daily)], 10, default);
        var second = await store.AddSubscriptionsAsync(Group, [Sub(Btc), Sub(Btc, kind: DigestKind.Liquidations)], 10, default);

        Assert.Equal((2, 0, false, 2), (first.Added.Count, first.Existing.Count, first.LimitReached, first.Count));
        var created = first.Added[0];
        Assert.Equal((Group, Btc, DigestKind.Quadrant, Hourly, T0.AddSeconds(5), T0.AddHours(1), (DateTimeOffset?)null),
            (created.Chat, created.Symbol, created.Kind, created.Schedule, created.CreatedAt, created.NextDueAt, created.LastFiredAt));
        Assert.Equal(created, Assert.Single(second.Existing));
        Assert.Equal((DigestKind.Liquidations, 3), (Assert.Single(second.Added).Kind, second.Count));
        Assert.Equal([.. first.Added, .. second.Added], await store.ListSubscriptionsAsync(Group, default));
        Assert.Empty(await store.ListSubscriptionsAsync(Topic, default));
    }

    [StoreFact]
    public async Task AddSubscriptions_OverTheLimit_NothingAddedNotEvenTheChat()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;

        var refused = await store.AddSubscriptionsAsync(Group, [Sub(Btc), Sub(Eth)], 1, default);
        Assert.Equal((0, true, 0), (refused.Added.Count, refused.LimitReached, refused.Count));
        Assert.Null(await store.GetChatAsync(Group, default));

        var btc = await AddOneAsync(store, Group, Sub(Btc));
        var again = await store.AddSubscriptionsAsync(Group, [Sub(Btc), Sub(Eth)], 1, default);

        Assert.Equal((0, true, 1), (again.Added.Count, again.LimitReached, again.Count));
        Assert.Equal(btc, Assert.Single(again.Existing));
        Assert.Equal([btc], await store.ListSubscriptionsAsync(Group, default));
    }

    [StoreFact]
    public async Task RemoveSubscriptions_ByIdSymbolOrAll_OnlyTheChatsOwn()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var btc = await AddOneAsync(store, Group, Sub(Btc));
        await AddOneAsync(store, Group, Sub(Btc, Daily));
        await AddOneAsync(store, Group, Sub(Eth));
        var theirs = await AddOneAsync(store, Channel, Sub(Eth));

        Assert.Equal(0, await store.RemoveSubscriptionsAsync(Group, RemovalTarget.ById(theirs.Id), default));
        Assert.Equal(0, await store.RemoveSubscriptionsAsync(Topic, RemovalTarget.Everything, default));
        Assert.Equal(1, await store.RemoveSubscriptionsAsync(Group, RemovalTarget.ById(btc.Id), default));
        Assert.Equal(1, await store.RemoveSubscriptionsAsync(Group, RemovalTarget.BySymbol(Btc), default));
        Assert.Equal(1, await store.RemoveSubscriptionsAsync(Group, RemovalTarget.Everything, default));

        Assert.Empty(await store.ListSubscriptionsAsync(Group, default));
        Assert.Equal([theirs], await store.ListSubscriptionsAsync(Channel, default));
    }

    [StoreFact]
    public async Task GetDueSubscriptions_SomeDue_OldestFirstWithChatSettingsAndMutes()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        Assert.Null(await store.GetEarliestDueAsync(default));
        var later = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 30));
        var first = await AddOneAsync(store, Channel, Sub(Eth, dueInMinutes: 10));
        var eth = await AddOneAsync(store, Group, Sub(Eth, dueInMinutes: 30));
        await AddOneAsync(store, Group, Sub(Eth, Daily, dueInMinutes: 31));
        await store.MuteAsync(Group, Btc, T0.AddHours(1), default);
        await store.MuteAsync(Channel, null, T0.AddMinutes(20), default); // ended by the time we ask
        await store.SetLanguageAsync(Group, Language.ZhCn, default);
        await ports.Chats.MarkInactiveAsync(Channel, "kicked", default);

        Assert.Equal(T0.AddMinutes(10), await store.GetEarliestDueAsync(default));
        var due = await store.GetDueSubscriptionsAsync(T0.AddMinutes(30), default);

        Assert.Equal([first.Id, later.Id, eth.Id], due.Select(d => d.Subscription.Id));
        Assert.Equal([false, true, false], due.Select(d => d.Muted));
        // An inactive chat's subscriptions stay due (the digest run skips them and advances the schedule).
        Assert.Equal(new ChatSettings(Channel, Language.En, "UTC", Active: false), due[0].Chat);
        Assert.Equal(new ChatSettings(Group, Language.ZhCn, "UTC", Active: true), due[1].Chat);
        Assert.All(due, d => Assert.Null(d.Retry));
        Assert.All(due, d => Assert.False(d.OutageNoticed));
        Assert.Empty(await store.GetDueSubscriptionsAsync(T0.AddMinutes(9), default));
    }

    [StoreFact]
    public async Task MuteOfEverything_UntilItEnds_MutesEverySymbolOfThatChatOnly()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));
        await AddOneAsync(store, Topic, Sub(Btc, dueInMinutes: 0));
        await store.MuteAsync(Group, null, T0.AddMinutes(5), default);

        Assert.Equal([true, false], (await store.GetDueSubscriptionsAsync(T0.AddMinutes(4), default)).Select(d => d.Muted));
        Assert.Equal([false, false], (await store.GetDueSubscriptionsAsync(T0.AddMinutes(5), default)).Select(d => d.Muted));
    }

    [StoreFact]
    public async Task PostponeDigest_TwoFailures_FirstSlotKeptFailuresCountedPostponeKeepsThem()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var sub = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));

        await store.PostponeDigestAsync(sub.Id, T0, T0.AddMinutes(1), default);
        await store.PostponeDigestAsync(sub.Id, T0.AddMinutes(1), T0.AddMinutes(3), default);
        await store.PostponeAsync(sub.Id, T0.AddMinutes(4), default);

        Assert.Empty(await store.GetDueSubscriptionsAsync(T0.AddMinutes(3), default));
        var due = Assert.Single(await store.GetDueSubscriptionsAsync(T0.AddMinutes(4), default));
        Assert.Equal((T0.AddMinutes(4), new DigestRetry(T0, 2)), (due.Subscription.NextDueAt, due.Retry));
        Assert.Null(due.Subscription.LastFiredAt);
    }

    [StoreFact]
    public async Task RecordDigests_SameKeysTwice_EnqueuedOnceScheduleAdvancedRetryCleared()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var a = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));
        var b = await AddOneAsync(store, Channel, Sub(Btc, dueInMinutes: 0));
        await store.PostponeDigestAsync(a.Id, T0, T0.AddMinutes(1), default);
        DigestDelivery[] deliveries =
        [
            new(a.Id, T0, T0.AddHours(1), [Draft(Group, $"sub:{a.Id}:0")]),
            new(b.Id, T0, T0.AddHours(1), [Draft(Channel, $"sub:{b.Id}:0"), Draft(Topic, $"sub:{b.Id}:0:topic")]),
        ];

        Assert.Equal(3, await store.RecordDigestsAsync(deliveries, default));
        Assert.Equal(0, await store.RecordDigestsAsync(deliveries, default));

        Assert.Equal(new OutboxStats(3, 0, 0), await ports.Outbox.GetStatsAsync(default));
        var head = Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Discord, "t", T0, TimeSpan.FromMinutes(1), 10, default));
        Assert.Equal((Channel, $"sub:{b.Id}:0", OutboxKind.Digest, T0), (head.Chat, head.Message.Report.Title, head.Kind, head.CreatedAt));
        Assert.NotNull(await ports.Subscriptions.GetChatAsync(Topic, default)); // a message to an unseen chat creates it
        Assert.Empty(await store.GetDueSubscriptionsAsync(T0.AddMinutes(59), default));
        var next = await store.GetDueSubscriptionsAsync(T0.AddHours(1), default);
        Assert.Equal([(a.Id, T0), (b.Id, T0)], next.Select(d => (d.Subscription.Id, d.Subscription.LastFiredAt!.Value)));
        Assert.All(next, d => Assert.Null(d.Retry));
    }

    [StoreFact]
    public async Task RecordDigests_NoMessages_ScheduleAdvancesNothingEnqueued()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var sub = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));

        Assert.Equal(0, await store.RecordDigestsAsync([new DigestDelivery(sub.Id, T0, T0.AddHours(1), [])], default));

        Assert.Equal(new OutboxStats(0, 0, 0), await ports.Outbox.GetStatsAsync(default));
        Assert.Equal(T0.AddHours(1), await store.GetEarliestDueAsync(default));
    }

    [StoreFact]
    public async Task SkipDigest_DuringOneOutage_NoticeOnceUntilADigestGetsThrough()
    {
        var (ports, clock) = await NewAsync();
        var store = ports.Subscriptions;
        var a = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));
        var b = await AddOneAsync(store, Group, Sub(Eth, dueInMinutes: 0));
        await store.PostponeDigestAsync(a.Id, T0, T0.AddMinutes(1), default);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await store.SkipDigestAsync(new DigestSkip(a.Id, T0.AddHours(1), Draft(Group, "skip:1")), default));
        Assert.False(await store.SkipDigestAsync(new DigestSkip(b.Id, T0.AddHours(1), Draft(Group, "skip:2")), default));

        var due = await store.GetDueSubscriptionsAsync(T0.AddHours(1), default);
        Assert.All(due, d => Assert.True(d.OutageNoticed));
        Assert.All(due, d => Assert.Null(d.Retry));
        Assert.All(due, d => Assert.Null(d.Subscription.LastFiredAt)); // a skip is not a firing
        var notice = Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Telegram, "t", clock.GetUtcNow(), TimeSpan.FromMinutes(1), 10, default));
        Assert.Equal(("skip:1", T0.AddMinutes(2)), (notice.Message.Report.Title, notice.CreatedAt));

        await store.RecordDigestsAsync([new DigestDelivery(a.Id, T0.AddHours(1), T0.AddHours(2), [Draft(Group, "sub:a:1")])], default);
        Assert.All(await store.GetDueSubscriptionsAsync(T0.AddHours(1), default), d => Assert.False(d.OutageNoticed));
        Assert.True(await store.SkipDigestAsync(new DigestSkip(b.Id, T0.AddHours(2), Draft(Group, "skip:3")), default));
        Assert.False(await store.SkipDigestAsync(new DigestSkip(a.Id, T0.AddHours(3), null), default));
        Assert.Equal(T0.AddHours(2), await store.GetEarliestDueAsync(default));
    }

    [StoreFact]
    public async Task Mutes_SetAgainListedAndRemoved_LatestUntilEndedOnesHidden()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        await store.MuteAsync(Group, Eth, T0.AddHours(1), default);
        await store.MuteAsync(Group, Btc, T0.AddMinutes(10), default);
        await store.MuteAsync(Group, Btc, T0.AddHours(2), default); // again: the new end replaces the old
        await store.MuteAsync(Group, null, T0.AddMinutes(30), default);
        await store.MuteAsync(Channel, Btc, T0.AddHours(1), default);

        Assert.Equal([new Mute(null, T0.AddMinutes(30)), new Mute(Btc, T0.AddHours(2)), new Mute(Eth, T0.AddHours(1))], await store.ListMutesAsync(Group, T0, default));
        Assert.Equal([new Mute(Btc, T0.AddHours(2))], await store.ListMutesAsync(Group, T0.AddHours(1), default));

        Assert.Equal(1, await store.UnmuteAsync(Group, Btc, default));
        Assert.Equal(0, await store.UnmuteAsync(Group, Btc, default));
        Assert.Equal(2, await store.UnmuteAsync(Group, null, default)); // every mute, ended or not
        Assert.Equal(0, await store.UnmuteAsync(Topic, null, default));
        Assert.Empty(await store.ListMutesAsync(Group, T0, default));
        Assert.Single(await store.ListMutesAsync(Channel, T0, default));
    }

    [StoreFact]
    public async Task GetWatchedSymbols_SubscriptionsAndEnabledRules_ActiveChatsOnlyEachOnceInOrder()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var sol = new Symbol("SOLUSDT");
        var doge = new Symbol("DOGEUSDT");
        await AddOneAsync(store, Group, Sub(Eth));
        await AddOneAsync(store, Group, Sub(DigestKindExtensions.AllSymbols, kind: DigestKind.Recap));
        await store.AddSubscriptionsAsync(Topic, [Sub(Eth), Sub(doge)], 10, default);
        await ports.Alerts.AddAlertAsync(Group, new NewAlertRule(Btc, new AlertCondition(AlertMetric.Funding, AlertDirection.Above, 0.0005m), TimeSpan.FromHours(1), true), 10, T0, default);
        await ports.Alerts.AddAlertAsync(Channel, new NewAlertRule(sol, new AlertCondition(AlertMetric.Funding, AlertDirection.Above, 0.0005m), TimeSpan.FromHours(1), true), 10, T0, default);
        await ports.Chats.MarkInactiveAsync(Channel, "gone", default);
        await ports.Chats.MarkInactiveAsync(Topic, "gone", default);

        Assert.Equal([DigestKindExtensions.AllSymbols, Btc, Eth], await store.GetWatchedSymbolsAsync(default));

        await ports.Chats.MarkActiveAsync(Topic, default);
        Assert.Equal([DigestKindExtensions.AllSymbols, Btc, doge, Eth], await store.GetWatchedSymbolsAsync(default));
    }

    [StoreFact]
    public async Task ChatMigration_ToAKnownChat_SubscriptionsAndMutesMoveDuplicatesDropped()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1002");
        var moved = await AddOneAsync(store, Group, Sub(Btc));
        await AddOneAsync(store, Group, Sub(Eth));
        var kept = await AddOneAsync(store, supergroup, Sub(Eth));
        await store.MuteAsync(Group, Btc, T0.AddHours(1), default);
        await store.MuteAsync(Group, null, T0.AddHours(1), default);
        await store.MuteAsync(supergroup, null, T0.AddHours(2), default);

        await ports.Chats.MigrateAsync(Group, supergroup, default);

        Assert.Equal([moved.Id, kept.Id], (await store.ListSubscriptionsAsync(supergroup, default)).Select(s => s.Id).Order());
        Assert.Equal([new Mute(null, T0.AddHours(2)), new Mute(Btc, T0.AddHours(1))], await store.ListMutesAsync(supergroup, T0, default));
        Assert.Empty(await store.ListSubscriptionsAsync(Group, default));
        Assert.Null(await store.GetChatAsync(Group, default));
    }

    [StoreFact]
    public async Task RecordDigests_ToAChatMarkedInactive_ItsMessagesSayWhy()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Subscriptions;
        var sub = await AddOneAsync(store, Group, Sub(Btc, dueInMinutes: 0));
        await store.RecordDigestsAsync([new DigestDelivery(sub.Id, T0, T0.AddHours(1), [Draft(Group, "sub:gone")])], default);

        await ports.Chats.MarkInactiveAsync(Group, "bot was kicked", default);

        var item = Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Telegram, "t", T0, TimeSpan.FromMinutes(1), 10, default));
        Assert.Equal((false, "bot was kicked"), (item.ChatActive, item.InactiveReason));
        await ports.Chats.MarkActiveAsync(Group, default);
        var peeked = await ports.Outbox.PeekNextAsync(ChatPlatform.Telegram, T0, default);
        Assert.Equal((true, (string?)null), (peeked!.ChatActive, peeked.InactiveReason));
    }
}
