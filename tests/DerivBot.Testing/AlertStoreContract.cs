using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// What every <see cref="IAlertStore"/> must do, the SQLite store, the PostgreSQL store and <see cref="InMemoryAlertStore"/>
/// alike: adds under a per-chat limit of enabled rules (duplicates reported, a refused add leaves no chat), removal, the
/// rules to evaluate for a symbol (enabled, active chats, with settings and mutes), check-and-disarm of a firing (stale
/// when disarmed, disabled or gone; one-shots spent; once per idempotency key), suppression, holding for quiet hours and
/// the hourly cap, and the release of held alerts per chat, once.
/// </summary>
public abstract class AlertStoreContract : StorePortsContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static AlertCondition Funding(decimal threshold) => new(AlertMetric.Funding, AlertDirection.Above, threshold);

    private static NewAlertRule Rule(Symbol symbol, AlertCondition? condition = null, bool repeat = true) =>
        new(symbol, condition ?? Funding(0.0005m), TimeSpan.FromMinutes(30), repeat);

    private static async Task<AlertRule> AddAsync(IAlertStore store, ChatAddress chat, NewAlertRule rule) =>
        Assert.Single((await store.AddAlertAsync(chat, rule, 10, T0, default)).Added);

    private static AlertFiring Firing(AlertRule rule, DateTimeOffset at, string key, DateTimeOffset? holdUntil = null, int cap = 10) =>
        new(rule.Id, at, new OutboxDraft(rule.Chat, OutboxKind.Alert, key, new OutboundMessage(new Report(ReportKind.Info, key, [ParagraphBlock.Of("body")]))),
            "held " + key, holdUntil, cap);

    private static async Task<int> PendingAsync(StorePorts ports) => (await ports.Outbox.GetStatsAsync(default)).Pending;

    [StoreFact]
    public async Task AddAlert_NewThenTheSameCondition_CreatedArmedTheSameReported()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;

        var first = await store.AddAlertAsync(Group, Rule(Btc), 10, T0.AddSeconds(3), default);
        var same = await store.AddAlertAsync(Group, Rule(Btc), 10, T0.AddSeconds(4), default);
        var oi = await AddAsync(store, Group, Rule(Btc, new AlertCondition(AlertMetric.OpenInterestChange, AlertDirection.Beyond, 5m, Window: TimeSpan.FromHours(4))));
        var quadrant = await AddAsync(store, Group, Rule(Btc, new AlertCondition(AlertMetric.Quadrant, AlertDirection.Above, 0m, State: QuadrantState.LongCrowding), repeat: false));

        var created = Assert.Single(first.Added);
        Assert.Equal(new AlertRule(created.Id, Group, Btc, Funding(0.0005m), TimeSpan.FromMinutes(30), true, true, true, T0.AddSeconds(3), null), created);
        Assert.Equal((1, false), (first.Count, first.LimitReached));
        Assert.Equal((0, created, 1), (same.Added.Count, Assert.Single(same.Existing), same.Count));
        Assert.Equal([created, oi, quadrant], await store.ListAlertsAsync(Group, default));
        Assert.Empty(await store.ListAlertsAsync(Topic, default));
    }

    [StoreFact]
    public async Task AddAlert_OverTheLimit_RefusedNotEvenTheChatSpentOneShotsNotCounted()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;

        var refused = await store.AddAlertAsync(Group, Rule(Btc), 0, T0, default);
        Assert.Equal((0, true, 0), (refused.Added.Count, refused.LimitReached, refused.Count));
        Assert.Null(await ports.Subscriptions.GetChatAsync(Group, default));

        var oneShot = Assert.Single((await store.AddAlertAsync(Group, Rule(Btc, repeat: false), 1, T0, default)).Added);
        Assert.True((await store.AddAlertAsync(Group, Rule(Eth), 1, T0, default)).LimitReached);
        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(oneShot, T0, "a:1"), default));

        var afterSpent = await store.AddAlertAsync(Group, Rule(Eth), 1, T0, default);
        Assert.Equal((1, false, 1), (afterSpent.Added.Count, afterSpent.LimitReached, afterSpent.Count));
        // A spent one-shot is not reported as existing: setting it again is a new rule (here over the limit).
        var again = await store.AddAlertAsync(Group, Rule(Btc, repeat: false), 1, T0, default);
        Assert.Equal((0, true), (again.Existing.Count, again.LimitReached));
        Assert.Equal([false, true], (await store.ListAlertsAsync(Group, default)).Select(r => r.Enabled));
    }

    [StoreFact]
    public async Task RemoveAlerts_ByIdSymbolOrAll_OnlyTheChatsOwn()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var btc = await AddAsync(store, Group, Rule(Btc));
        await AddAsync(store, Group, Rule(Btc, Funding(0.001m)));
        await AddAsync(store, Group, Rule(Eth));
        var theirs = await AddAsync(store, Channel, Rule(Eth));

        Assert.Equal(0, await store.RemoveAlertsAsync(Group, RemovalTarget.ById(theirs.Id), default));
        Assert.Equal(0, await store.RemoveAlertsAsync(Topic, RemovalTarget.Everything, default));
        Assert.Equal(1, await store.RemoveAlertsAsync(Group, RemovalTarget.ById(btc.Id), default));
        Assert.Equal(1, await store.RemoveAlertsAsync(Group, RemovalTarget.BySymbol(Btc), default));
        Assert.Equal(1, await store.RemoveAlertsAsync(Group, RemovalTarget.Everything, default));

        Assert.Empty(await store.ListAlertsAsync(Group, default));
        Assert.Equal([theirs], await store.ListAlertsAsync(Channel, default));
    }

    [StoreFact]
    public async Task GetRulesForSymbol_EnabledRulesOfActiveChats_WithChatSettingsAndMutes()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var group = await AddAsync(store, Group, Rule(Btc));
        var topic = await AddAsync(store, Topic, Rule(Btc));
        await AddAsync(store, Channel, Rule(Btc));
        await AddAsync(store, Group, Rule(Eth));
        var spent = await AddAsync(store, Group, Rule(Btc, Funding(0.001m), repeat: false));
        await store.RecordFiringAsync(Firing(spent, T0, "spent"), default);
        await ports.Chats.MarkInactiveAsync(Channel, "kicked", default);
        await ports.Subscriptions.SetQuietHoursAsync(Group, new TimeOnly(23, 0), new TimeOnly(7, 0), default);
        await ports.Subscriptions.MuteAsync(Group, Btc, T0.AddHours(1), default);
        await ports.Subscriptions.MuteAsync(Topic, null, T0.AddMinutes(10), default);
        await ports.Subscriptions.MuteAsync(Channel, Eth, T0.AddHours(1), default);

        var watched = await store.GetRulesForSymbolAsync(Btc, T0.AddMinutes(10), default);

        Assert.Equal([(group.Id, true), (topic.Id, false)], watched.Select(w => (w.Rule.Id, w.Muted)));
        Assert.Equal(group, watched[0].Rule);
        Assert.Equal(new ChatSettings(Group, Core.Localization.Language.En, "UTC", true, new TimeOnly(23, 0), new TimeOnly(7, 0)), watched[0].Chat);
        Assert.True((await store.GetRulesForSymbolAsync(Btc, T0.AddMinutes(9), default))[1].Muted);
        Assert.Empty(await store.GetRulesForSymbolAsync(new Symbol("SOLUSDT"), T0, default));
    }

    [StoreFact]
    public async Task RecordFiring_ArmedRule_EnqueuedDisarmedThenStaleUntilRearmed()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc));
        var other = await AddAsync(store, Group, Rule(Eth));

        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(1), "alert:1"), default));
        Assert.Equal(AlertFiringOutcome.Stale, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(2), "alert:2"), default));

        var fired = (await store.ListAlertsAsync(Group, default))[0];
        Assert.Equal((false, true, T0.AddMinutes(1)), (fired.Armed, fired.Enabled, fired.LastFiredAt!.Value));
        var head = Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Telegram, "t", T0.AddMinutes(5), Lease, 10, default));
        Assert.Equal((Group, OutboxKind.Alert, "alert:1", T0.AddMinutes(1)), (head.Chat, head.Kind, head.Message.Report.Title, head.CreatedAt));

        await store.RearmAsync([], default);
        await store.RearmAsync([rule.Id, other.Id], default);
        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(3), "alert:3"), default));
        await store.RearmAsync([rule.Id], default);
        // The same event again (the key): nothing new is sent, but the rule has fired.
        Assert.Equal(AlertFiringOutcome.Duplicate, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(4), "alert:3"), default));
        Assert.Equal((false, T0.AddMinutes(4)), ((await store.ListAlertsAsync(Group, default))[0].Armed, (await store.ListAlertsAsync(Group, default))[0].LastFiredAt!.Value));
        Assert.Equal(2, await PendingAsync(ports));
    }

    [StoreFact]
    public async Task RecordFiring_OneShotRule_SpentAndStaleEvenWhenRearmed()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc, repeat: false));

        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rule, T0, "once:1"), default));
        await store.RearmAsync([rule.Id], default);

        var spent = Assert.Single(await store.ListAlertsAsync(Group, default));
        Assert.Equal((true, false), (spent.Armed, spent.Enabled));
        Assert.Empty(await store.GetRulesForSymbolAsync(Btc, T0, default));
        Assert.Equal(AlertFiringOutcome.Stale, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(1), "once:2"), default));
        Assert.Equal(1, await PendingAsync(ports));
    }

    [StoreFact]
    public async Task RecordFiring_RemovedOrUnknownRule_StaleNothingRecorded()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc));
        await store.RemoveAlertsAsync(Group, RemovalTarget.ById(rule.Id), default);

        Assert.Equal(AlertFiringOutcome.Stale, await store.RecordFiringAsync(Firing(rule, T0, "gone"), default));
        Assert.Equal(AlertFiringOutcome.Stale, await store.RecordFiringAsync(Firing(rule with { Id = rule.Id + 1000 }, T0, "never", holdUntil: T0.AddHours(1)), default));

        Assert.Equal(0, await PendingAsync(ports));
        Assert.Empty(await store.GetReleasableHeldAsync(T0.AddDays(1), default));
    }

    [StoreFact]
    public async Task Suppress_ArmedRule_DisarmedWithItsTimeNothingSentOneShotSpent()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc));
        var oneShot = await AddAsync(store, Group, Rule(Eth, repeat: false));

        await store.SuppressAsync(rule.Id, T0.AddMinutes(1), default);
        await store.SuppressAsync(rule.Id, T0.AddMinutes(2), default); // disarmed already: the first time stays
        await store.SuppressAsync(oneShot.Id, T0.AddMinutes(1), default);

        var rules = await store.ListAlertsAsync(Group, default);
        Assert.Equal([(false, true, T0.AddMinutes(1)), (false, false, T0.AddMinutes(1))], rules.Select(r => (r.Armed, r.Enabled, r.LastFiredAt!.Value)));
        Assert.Equal(AlertFiringOutcome.Stale, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(3), "muted"), default));
        Assert.Equal(0, await PendingAsync(ports));
    }

    [StoreFact]
    public async Task RecordFiring_QuietHours_HeldUntilTheirEndThenOneBatch()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc));
        var end = T0.AddHours(8);

        Assert.Equal(AlertFiringOutcome.Held, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(1), "quiet:1", holdUntil: end), default));
        await store.RearmAsync([rule.Id], default);
        Assert.Equal(AlertFiringOutcome.Held, await store.RecordFiringAsync(Firing(rule, T0.AddMinutes(2), "quiet:2", holdUntil: end), default));

        Assert.Equal(0, await PendingAsync(ports));
        Assert.Equal(T0.AddMinutes(2), (await store.ListAlertsAsync(Group, default))[0].LastFiredAt);
        Assert.Empty(await store.GetReleasableHeldAsync(end.AddMilliseconds(-1), default));
        var batch = Assert.Single(await store.GetReleasableHeldAsync(end, default));
        Assert.Equal(new ChatSettings(Group, Core.Localization.Language.En, "UTC", Active: true), batch.Chat);
        Assert.Equal([(T0.AddMinutes(1), "quiet", "held quiet:1"), (T0.AddMinutes(2), "quiet", "held quiet:2")], batch.Alerts.Select(a => (a.HeldAt, a.Reason, a.Text)));
    }

    [StoreFact]
    public async Task RecordFiring_HourlyCapReached_HeldUntilTheOldestAlertLeavesTheHour()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rules = new List<AlertRule>();
        foreach (var threshold in new[] { 0.001m, 0.002m, 0.003m, 0.004m })
        {
            rules.Add(await AddAsync(store, Group, Rule(Btc, Funding(threshold))));
        }
        var elsewhere = await AddAsync(store, Channel, Rule(Btc));
        // Neither another chat's alerts nor this chat's digests count towards its cap.
        await store.RecordFiringAsync(Firing(elsewhere, T0, "elsewhere"), default);
        await ports.Outbox.EnqueueAsync(new OutboxDraft(Group, OutboxKind.Digest, "digest", new OutboundMessage(new Report(ReportKind.Info, "digest", []))), T0, default);

        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rules[0], T0, "cap:0", cap: 2), default));
        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rules[1], T0.AddMinutes(10), "cap:1", cap: 2), default));
        Assert.Equal(AlertFiringOutcome.Held, await store.RecordFiringAsync(Firing(rules[2], T0.AddMinutes(20), "cap:2", cap: 2), default));
        // Once the first has left the rolling hour, there is room again.
        Assert.Equal(AlertFiringOutcome.Enqueued, await store.RecordFiringAsync(Firing(rules[3], T0.AddMinutes(60), "cap:3", cap: 2), default));

        Assert.Equal(5, await PendingAsync(ports));
        Assert.Empty(await store.GetReleasableHeldAsync(T0.AddMinutes(60).AddMilliseconds(-1), default));
        var held = Assert.Single(Assert.Single(await store.GetReleasableHeldAsync(T0.AddMinutes(60), default)).Alerts);
        Assert.Equal((T0.AddMinutes(20), "cap", "held cap:2"), (held.HeldAt, held.Reason, held.Text));
    }

    [StoreFact]
    public async Task ReleaseHeld_DueChatsOnce_SummaryToTheChatHeldAlertsGone()
    {
        var (ports, clock) = await NewAsync();
        var store = ports.Alerts;
        var group = await AddAsync(store, Group, Rule(Btc));
        var channel = await AddAsync(store, Channel, Rule(Btc));
        await store.RecordFiringAsync(Firing(group, T0, "g:1", holdUntil: T0.AddHours(1)), default);
        await store.RearmAsync([group.Id], default);
        // Not due on its own, but its chat's earliest is: it goes out with the batch.
        await store.RecordFiringAsync(Firing(group, T0.AddMinutes(1), "g:2", holdUntil: T0.AddHours(5)), default);
        await store.RecordFiringAsync(Firing(channel, T0, "c:1", holdUntil: T0.AddHours(2)), default);
        clock.SetUtcNow(T0.AddHours(1).AddSeconds(1));

        var batch = Assert.Single(await store.GetReleasableHeldAsync(T0.AddHours(1), default));
        Assert.Equal((Group, 2), (batch.Chat.Address, batch.Alerts.Count));
        var summary = new OutboxDraft(Group, OutboxKind.Summary, "summary:g", new OutboundMessage(new Report(ReportKind.Info, "summary:g", [])));

        Assert.True(await store.ReleaseHeldAsync(batch, summary, default));
        Assert.False(await store.ReleaseHeldAsync(batch, summary with { IdempotencyKey = "summary:g:again" }, default));

        var sent = Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Telegram, "t", clock.GetUtcNow(), Lease, 10, default));
        Assert.Equal((Group, OutboxKind.Summary, T0.AddHours(1).AddSeconds(1)), (sent.Chat, sent.Kind, sent.CreatedAt));
        Assert.Equal(1, await PendingAsync(ports));
        Assert.Equal([Channel], (await store.GetReleasableHeldAsync(T0.AddDays(1), default)).Select(b => b.Chat.Address));
    }

    [StoreFact]
    public async Task ReleaseHeld_PartReleasedElsewhere_FalseAndTheRestKept()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var rule = await AddAsync(store, Group, Rule(Btc));
        await store.RecordFiringAsync(Firing(rule, T0, "h:1", holdUntil: T0), default);
        await store.RearmAsync([rule.Id], default);
        await store.RecordFiringAsync(Firing(rule, T0, "h:2", holdUntil: T0), default);
        var batch = Assert.Single(await store.GetReleasableHeldAsync(T0, default));

        // Another instance released the first alert only (an older read of the batch).
        Assert.True(await store.ReleaseHeldAsync(batch with { Alerts = [batch.Alerts[0]] }, Summary("first"), default));
        Assert.False(await store.ReleaseHeldAsync(batch, Summary("second"), default));

        Assert.Equal(1, await PendingAsync(ports));
        var rest = Assert.Single(await store.GetReleasableHeldAsync(T0, default));
        Assert.Equal([batch.Alerts[1]], rest.Alerts);

        static OutboxDraft Summary(string key) => new(Group, OutboxKind.Summary, key, new OutboundMessage(new Report(ReportKind.Info, key, [])));
    }

    [StoreFact]
    public async Task ChatMigration_ToANewId_RulesAndHeldAlertsFollowTheChat()
    {
        var (ports, _) = await NewAsync();
        var store = ports.Alerts;
        var supergroup = new ChatAddress(ChatPlatform.Telegram, "-1002");
        var rule = await AddAsync(store, Group, Rule(Btc));
        await store.RecordFiringAsync(Firing(rule, T0, "m:1", holdUntil: T0), default);

        await ports.Chats.MigrateAsync(Group, supergroup, default);

        Assert.Equal([rule with { Chat = supergroup, Armed = false, LastFiredAt = T0 }], await store.ListAlertsAsync(supergroup, default));
        Assert.Empty(await store.ListAlertsAsync(Group, default));
        var batch = Assert.Single(await store.GetReleasableHeldAsync(T0, default));
        Assert.Equal(supergroup, batch.Chat.Address);
        Assert.True(await store.ReleaseHeldAsync(batch, new OutboxDraft(supergroup, OutboxKind.Summary, "m:summary", new OutboundMessage(new Report(ReportKind.Info, "m", []))), default));
        Assert.Equal(supergroup, Assert.Single(await ports.Outbox.ClaimChatHeadsAsync(ChatPlatform.Telegram, "t", T0, Lease, 10, default)).Chat);
    }
}
