using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;

namespace DerivBot.Storage.Tests;

public abstract class DigestAndOutboxTests
{
    protected abstract StoreProvider Provider { get; }

    [StoreFact]
    public async Task RunDue_ManyChats_RendersEachSymbolKindLanguageOnceAndFansOut()
    {
        using var w = new World(Provider);
        for (var i = 0; i < 30; i++)
        {
            var chat = World.Telegram(i);
            await w.RunAsync(chat, "subscribe", (i % 3 == 0 ? "btc" : "eth") + " quadrant every 4h", i % 2 == 0 ? Language.En : Language.ZhCn);
            if (i % 2 == 1)
            {
                await w.RunAsync(chat, "lang", "zh-CN");
            }
        }
        w.Clock.Advance(TimeSpan.FromHours(4));
        var result = await w.Digests.RunDueAsync(default);
        Assert.Equal(30, result.Due);
        Assert.Equal(4, result.Renders); // {BTC, ETH} × {en, zh-CN}
        Assert.Equal(4, w.Dispatcher.Handled.Count);
        Assert.All(w.Dispatcher.Handled.GroupBy(r => (r.Command, r.Arguments, r.Language)), g => Assert.Single(g));
        Assert.Equal(30, result.Enqueued);
        Assert.Equal(new OutboxStats(30, 0, 0), await w.Store.GetStatsAsync(default));

        // Nothing is due again until the next slot; a second run enqueues nothing.
        Assert.Equal(0, (await w.Digests.RunDueAsync(default)).Enqueued);
        var next = await w.Store.GetEarliestDueAsync(default);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 8, 0, 0, TimeSpan.Zero), next);
    }

    [StoreFact]
    public async Task RunDue_SameSymbolAndLanguageInTwoTimeZones_RendersOncePerZone()
    {
        // Reports show times in the chat's zone: a Taipei chat must not receive a render made for a UTC chat.
        using var w = new World(Provider);
        var utc = World.Telegram(1);
        var taipei = World.Telegram(2);
        var alsoTaipei = World.Telegram(3);
        foreach (var chat in new[] { utc, taipei, alsoTaipei })
        {
            await w.RunAsync(chat, "subscribe", "btc quadrant every 4h", Language.En);
        }
        await w.RunAsync(taipei, "tz", "Asia/Taipei");
        await w.RunAsync(alsoTaipei, "tz", "Asia/Taipei");

        w.Clock.Advance(TimeSpan.FromDays(1));
        var result = await w.Digests.RunDueAsync(default);

        Assert.Equal(3, result.Enqueued);
        Assert.Equal(2, result.Renders); // one for UTC, one shared by both Taipei chats
    }

    [StoreFact]
    public async Task RecordDigests_SameFireTimeTwice_EnqueuesOnce()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "subscribe", "btc q 4h");
        w.Clock.Advance(TimeSpan.FromHours(4));
        var due = await w.Store.GetDueSubscriptionsAsync(w.Clock.GetUtcNow(), default);
        Assert.Equal(1, (await w.Digests.RunDueAsync(default)).Enqueued);
        // A restarted worker that decided the same digest again (same subscription and fire time) adds nothing.
        await w.Store.PostponeAsync(due[0].Subscription.Id, due[0].Subscription.NextDueAt, default);
        Assert.Equal(0, (await w.Digests.RunDueAsync(default)).Enqueued);
        Assert.Equal(1, (await w.Store.GetStatsAsync(default)).Pending);
    }

    [StoreFact]
    public async Task RunDue_AfterDowntime_SendsOneLateCatchUp()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "subscribe", "btc q every 1h");
        w.Clock.Advance(TimeSpan.FromHours(10)); // ten slots missed
        var result = await w.Digests.RunDueAsync(default);
        Assert.Equal(1, result.Enqueued);
        var sender = new RecordingChatSender(ChatPlatform.Telegram);
        Assert.True(await w.Drainer(sender).DrainOneAsync(sender, default));
        var (_, message) = Assert.Single(sender.Sent);
        Assert.Contains("Late: this digest was due at 2025-10-10 01:00", message.Report.Flatten(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 11, 0, 0, TimeSpan.Zero), await w.Store.GetEarliestDueAsync(default));
    }

    [StoreFact]
    public async Task RunDue_InactiveOrMuted_AdvancesWithoutSending()
    {
        using var w = new World(Provider);
        await w.RunAsync(World.Telegram(1), "subscribe", "btc q 4h");
        await w.RunAsync(World.Telegram(2), "subscribe", "btc q 4h");
        await w.RunAsync(World.Telegram(3), "subscribe", "btc q 4h");
        await w.Store.MarkInactiveAsync(World.Telegram(1), "blocked", default);
        await w.RunAsync(World.Telegram(2), "mute", "btc 1d");
        w.Clock.Advance(TimeSpan.FromHours(4));
        var result = await w.Digests.RunDueAsync(default);
        Assert.Equal(3, result.Due);
        Assert.Equal(1, result.Enqueued);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 8, 0, 0, TimeSpan.Zero), await w.Store.GetEarliestDueAsync(default));
    }

    [StoreFact]
    public async Task RunDue_RenderFails_PostponesInsteadOfLooping()
    {
        using var w = new World(Provider);
        await w.RunAsync(World.Telegram(1), "subscribe", "btc q 4h");
        w.Dispatcher.Respond = (_, _) => throw new InvalidOperationException("renderer down");
        w.Clock.Advance(TimeSpan.FromHours(4));
        var result = await w.Digests.RunDueAsync(default);
        Assert.Equal(0, result.Enqueued);
        Assert.Equal(w.Clock.GetUtcNow().AddSeconds(30), await w.Store.GetEarliestDueAsync(default));
    }

    [StoreFact]
    public async Task RunDue_FailsThroughTheSlot_BackoffThenOneSkipNoticePerOutage()
    {
        using var w = new World(Provider);
        var chat = World.Telegram(1);
        await w.RunAsync(chat, "subscribe", "btc q 4h");
        w.Dispatcher.Respond = (_, _) => throw new InvalidOperationException("renderer down");
        var slot = (await w.Store.GetEarliestDueAsync(default))!.Value;
        w.Clock.Advance(slot - w.Clock.GetUtcNow());

        // Retries back off (30 s, 1 m, 2 m … 15 m) and stay inside the 4 h slot; nothing is sent meanwhile.
        var waits = new List<TimeSpan>();
        while (await RunUntilNextAsync(w) is { } wait && w.Clock.GetUtcNow() < slot.AddHours(4))
        {
            waits.Add(wait);
            Assert.Equal(0, (await w.Store.GetStatsAsync(default)).Pending);
        }
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(15)], waits.Take(6));
        // The slot passed: one short notice, and the schedule moved on.
        var notice = (await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default))!;
        Assert.Equal(1, (await w.Store.GetStatsAsync(default)).Pending);
        Assert.Contains("BTCUSDT", notice.Message.Report.Flatten(), StringComparison.Ordinal);
        Assert.Contains("skipped: the report could not be built", notice.Message.Report.Flatten(), StringComparison.Ordinal);
        Assert.Equal(slot.AddHours(4), await w.Store.GetEarliestDueAsync(default));

        // The next slot fails too: still the same outage, no second notice.
        while (w.Clock.GetUtcNow() < slot.AddHours(8) && await RunUntilNextAsync(w) is not null)
        {
        }
        Assert.Equal(1, (await w.Store.GetStatsAsync(default)).Pending);

        // Recovered: the digest goes out, which ends the outage; the next failure is told again.
        w.Dispatcher.Respond = World.Render;
        w.Clock.Advance((await w.Store.GetEarliestDueAsync(default))!.Value - w.Clock.GetUtcNow());
        Assert.Equal(1, (await w.Digests.RunDueAsync(default)).Enqueued);
        w.Dispatcher.Respond = (_, _) => throw new InvalidOperationException("renderer down again");
        var next = (await w.Store.GetEarliestDueAsync(default))!.Value;
        w.Clock.Advance(next - w.Clock.GetUtcNow());
        while (w.Clock.GetUtcNow() < next.AddHours(4) && await RunUntilNextAsync(w) is not null)
        {
        }
        Assert.Equal(3, (await w.Store.GetStatsAsync(default)).Pending);
    }

    /// <summary>Runs due digests, then moves the clock to the next due time; returns how far it moved.</summary>
    private static async Task<TimeSpan?> RunUntilNextAsync(World w)
    {
        await w.Digests.RunDueAsync(default);
        if (await w.Store.GetEarliestDueAsync(default) is not { } next)
        {
            return null;
        }
        var wait = next - w.Clock.GetUtcNow();
        w.Clock.Advance(wait);
        return wait;
    }

    [StoreFact]
    public async Task Drainer_Statuses_AreHandledAndRecorded()
    {
        using var w = new World(Provider);
        var chats = Enumerable.Range(1, 5).Select(i => World.Telegram(i)).ToList();
        foreach (var chat in chats)
        {
            await w.Store.EnqueueAsync(new OutboxDraft(chat, OutboxKind.Alert, "k" + chat.ChatId, new OutboundMessage(new Report(ReportKind.Info, "hi " + chat.ChatId, []))), w.Clock.GetUtcNow(), default);
        }
        await w.Store.MarkInactiveAsync(chats[4], "kicked", default);
        var migrated = new ChatAddress(ChatPlatform.Telegram, "-100999");
        var sender = new RecordingChatSender(ChatPlatform.Telegram)
        {
            Respond = (to, _) => to.ChatId switch
            {
                "1" => new SendResult(SendStatus.RetryLater, "429", TimeSpan.FromSeconds(30)),
                "2" => new SendResult(SendStatus.ChatGone, "403 blocked"),
                "3" => SendResult.Ok(migrated),
                _ => SendResult.Ok(),
            },
        };
        var drainer = w.Drainer(sender);
        while (await drainer.DrainOneAsync(sender, default))
        {
        }
        Assert.Equal(new OutboxStats(1, 2, 2), await w.Store.GetStatsAsync(default));
        var reasons = await w.Store.GetDropReasonsAsync(default);
        Assert.Contains(reasons, r => r.IdempotencyKey == "k2" && r.Reason.Contains("chat gone", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.IdempotencyKey == "k5" && r.Reason == "chat inactive: kicked");
        Assert.NotNull(await w.Store.GetChatAsync(migrated, default));
        Assert.Null(await w.Store.GetChatAsync(chats[2], default));

        // The rate-limited message is retried after RetryAfter.
        sender.Respond = (_, _) => SendResult.Ok();
        w.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await drainer.DrainOneAsync(sender, default));
        Assert.Equal(new OutboxStats(0, 3, 2), await w.Store.GetStatsAsync(default));
    }

    [StoreFact]
    public async Task Drainer_SenderThrows_BacksOffThenGivesUp()
    {
        using var w = new World(Provider, jobs: new Application.Subscriptions.JobsOptions { OutboxMaxAttempts = 2 });
        await w.Store.EnqueueAsync(new OutboxDraft(World.Telegram(1), OutboxKind.Digest, "x", new OutboundMessage(new Report(ReportKind.Info, "t", []))), w.Clock.GetUtcNow(), default);
        var sender = new RecordingChatSender(ChatPlatform.Telegram) { Respond = (_, _) => throw new HttpRequestException("down") };
        var drainer = w.Drainer(sender);
        Assert.True(await drainer.DrainOneAsync(sender, default));
        Assert.False(await drainer.DrainOneAsync(sender, default)); // backing off
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await drainer.DrainOneAsync(sender, default));
        Assert.Equal(new OutboxStats(0, 0, 1), await w.Store.GetStatsAsync(default));
    }

    [StoreFact]
    public async Task Outbox_ImageAndSilentFlag_SurviveStorage()
    {
        using var w = new World(Provider);
        var image = new Core.Chat.ChartImage("liq.png", [1, 2, 3, 4], "heatmap");
        await w.Store.EnqueueAsync(new OutboxDraft(World.Telegram(1), OutboxKind.Digest, "img", new OutboundMessage(new Report(ReportKind.Chart, "t", []), image, Silent: true)), w.Clock.GetUtcNow(), default);
        var item = await w.Store.PeekNextAsync(ChatPlatform.Telegram, w.Clock.GetUtcNow(), default);
        Assert.NotNull(item);
        Assert.True(item!.Message.Silent);
        Assert.Equal(image.Png, item.Message.Image!.Png);
        Assert.Null(await w.Store.PeekNextAsync(ChatPlatform.Discord, w.Clock.GetUtcNow(), default));
    }
}

public sealed class SqliteDigestAndOutboxTests : DigestAndOutboxTests
{
    protected override StoreProvider Provider => StoreProvider.Sqlite;
}

public sealed class PostgresDigestAndOutboxTests : DigestAndOutboxTests, IRequiresPostgres
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

/// <summary>How reports are kept in the outbox (JSON): no store involved.</summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void ReportJson_EveryBlockType_RoundTrips()
    {
        var report = new Report(ReportKind.Quadrant, "BTCUSDT · 象限 <&>",
        [
            new ParagraphBlock([[new TextRun("a"), new TextRun("b", TextStyle.Bold)], [new TextRun("c", TextStyle.Code)]]),
            new HeadingBlock("h"),
            new FieldsBlock([new ReportField("L", "V", Inline: false)]),
            new ListBlock([[new TextRun("i1")], [new TextRun("i2", TextStyle.Italic)]]),
            new NoteBlock("n"),
        ], "footer", [new ReportAction("Refresh", "quadrant BTCUSDT")], ReportTone.Bullish);
        var back = ReportJson.Deserialize(ReportJson.Serialize(report));
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(back));
        Assert.Equal(report.Title, back.Title);
        Assert.Equal(5, back.Blocks.Count);
        Assert.IsType<FieldsBlock>(back.Blocks[2]);
        Assert.Equal(TextStyle.Bold, ((ParagraphBlock)back.Blocks[0]).Lines[0][1].Style);
        Assert.Equal(ReportTone.Bullish, back.Tone);
    }

    [Fact]
    public void ReportJson_QuizBlock_RoundTripsWithAnswer()
    {
        // Scheduled quizzes wait in the outbox as JSON: the answer and explanation must survive for sendPoll.
        var report = new Report(ReportKind.Quiz, "BTCUSDT · 測驗",
            [new QuizBlock("a1b2c3d4e5f6", "BTCUSDT：目前市場處於哪個狀態？", ["中性", "多方擁擠", "去槓桿"], 2, "去槓桿：未平倉量 4h 內 -16.79%")]);

        var back = ReportJson.Deserialize(ReportJson.Serialize(report));

        var quiz = Assert.IsType<QuizBlock>(Assert.Single(back.Blocks));
        Assert.Equal(("a1b2c3d4e5f6", 2, "去槓桿：未平倉量 4h 內 -16.79%"), (quiz.QuizId, quiz.CorrectOption, quiz.Explanation));
        Assert.Equal(["中性", "多方擁擠", "去槓桿"], quiz.Options);
        Assert.Equal(ReportKind.Quiz, back.Kind);
    }
}
