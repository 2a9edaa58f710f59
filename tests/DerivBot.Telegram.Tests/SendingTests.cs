using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Telegram.Formatting;
using DerivBot.Telegram.Sending;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Telegram.Tests;

public sealed class SendingTests
{
    private static OutboundMessage Message(string text = "hello") => new(new Report(ReportKind.Info, text, [ParagraphBlock.Of("body <&>")]));

    private static ChatAddress Chat(string id) => new(ChatPlatform.Telegram, id);

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_429_NoRequestToThatChatBeforeRetryAfter()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock, serverClock: clock);
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.TooManyRequests(7));

        var send = ctx.Sender.SendAsync(Chat("555"), Message(), cts.Token);
        await TestTimeouts.WaitUntilAsync(() => ctx.SendQueue.ChatHeldUntil("555") is not null, what: "the 429 hold");
        clock.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(300, cts.Token);
        Assert.Single(ctx.Server.CallsTo("sendMessage"));
        Assert.False(send.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        var result = await send.WaitAsync(cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var calls = ctx.Server.CallsTo("sendMessage");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(7));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_429OnPrivateChatAfterManySends_HoldsEveryChat()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(o => { o.GlobalHoldAfterSends = 3; o.GlobalMessagesPerSecond = 100; o.GlobalBurst = 50; }, time: clock, serverClock: clock);
        using var cts = TestTimeouts.NetworkToken();
        foreach (var id in new[] { "1", "2", "3" })
        {
            Assert.Equal(SendStatus.Sent, (await ctx.Sender.SendAsync(Chat(id), Message(), cts.Token)).Status);
        }
        ctx.Server.Script("sendMessage", FakeReply.TooManyRequests(5), c => c.ChatId == "4");
        var held = ctx.Sender.SendAsync(Chat("4"), Message(), cts.Token);
        await TestTimeouts.WaitUntilAsync(() => ctx.SendQueue.GlobalHeldUntil > clock.GetUtcNow(), what: "global hold");

        var other = ctx.Sender.SendAsync(Chat("5"), Message(), cts.Token);
        await Task.Delay(300, cts.Token);
        Assert.DoesNotContain(ctx.Server.CallsTo("sendMessage"), c => c.ChatId == "5");

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SendStatus.Sent, (await other.WaitAsync(cts.Token)).Status);
        Assert.Equal(SendStatus.Sent, (await held.WaitAsync(cts.Token)).Status);
        Assert.All(ctx.Server.CallsTo("sendMessage").Where(c => c.ChatId == "5"), c => Assert.True(c.At >= clock.GetUtcNow()));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_ReplyQueuedAfterBroadcasts_LeavesBeforeThem()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock, serverClock: clock);
        using var cts = TestTimeouts.NetworkToken();
        var messenger = ctx.Services.GetRequiredService<TelegramMessenger>();
        var broadcasts = Enumerable.Range(1, 5).Select(i => ctx.Sender.SendAsync(Chat(i.ToString(CultureInfo.InvariantCulture)), Message(), cts.Token)).ToList();
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("sendMessage").Count == 1, what: "the first broadcast message");

        var reply = messenger.SendAsync(Chat("99"), Message("reply"), cts.Token);
        Assert.Equal(5, ctx.SendQueue.Pending);
        for (var i = 0; i < 5; i++)
        {
            var before = ctx.Server.CallsTo("sendMessage").Count;
            clock.Advance(TimeSpan.FromSeconds(1.0 / 30));
            await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("sendMessage").Count == before + 1, what: "the next paced message");
        }

        Assert.Equal(SendStatus.Sent, (await reply.WaitAsync(cts.Token)).Status);
        Assert.All(await Task.WhenAll(broadcasts).WaitAsync(cts.Token), r => Assert.Equal(SendStatus.Sent, r.Status));
        // One message per 1/30 s slot: the reply takes the first free slot, the broadcast keeps its order.
        Assert.Equal(["1", "99", "2", "3", "4", "5"], ctx.Server.CallsTo("sendMessage").Select(c => c.ChatId));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_ReplyForChatWithQueuedBroadcast_KeepsThatChatsOrderButJumpsOtherChats()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(o => o.ChatBurst = 5, time: clock, serverClock: clock);
        using var cts = TestTimeouts.NetworkToken();
        var order = new List<string>();
        Task<int> Run(string chat, string label, TelegramSendPriority priority) =>
            ctx.SendQueue.RunAsync(chat, isGroup: false, _ => { lock (order) { order.Add(label); } return Task.FromResult(0); }, priority, cts.Token);
        var tasks = new List<Task<int>> { Run("1", "b1", TelegramSendPriority.Broadcast) };
        await TestTimeouts.WaitUntilAsync(() => { lock (order) { return order.Count == 1; } }, what: "the first slot");
        tasks.Add(Run("2", "b2", TelegramSendPriority.Broadcast));
        tasks.Add(Run("3", "b3", TelegramSendPriority.Broadcast));
        tasks.Add(Run("2", "r2", TelegramSendPriority.Reply));
        for (var i = 0; i < 3; i++)
        {
            int before;
            lock (order)
            {
                before = order.Count;
            }
            // Advance only once the queue is parked on its next slot: an advance made while it is still working out
            // that slot is not seen by the timer it then starts (seen under load in CI-like runs).
            await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0, what: "the queue waiting for its next slot");
            clock.Advance(TimeSpan.FromSeconds(1.0 / 30));
            await TestTimeouts.WaitUntilAsync(() => { lock (order) { return order.Count == before + 1; } }, what: "the next slot");
        }
        await Task.WhenAll(tasks).WaitAsync(cts.Token);

        Assert.Equal(["b1", "b2", "r2", "b3"], order);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_BroadcastOver30PerSecondLimit_NoRateLimitHitsAndAllSent()
    {
        // Real clock, real sockets: the fake stamps each request when it arrives and refuses a 31st in any 1 s window.
        await using var ctx = await TelegramTestContext.StartAsync(limits: new FakeLimits(GlobalPerSecond: 30));
        using var cts = TestTimeouts.NetworkToken();

        var results = await Task.WhenAll(Enumerable.Range(1, 75).Select(i => ctx.Sender.SendAsync(Chat(i.ToString(CultureInfo.InvariantCulture)), Message(), cts.Token)));

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(0, ctx.Server.RateLimitHits);
        Assert.Equal(75, ctx.Server.CallsTo("sendMessage").Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_403_MarksChatInactiveAndReportsChatGone()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.Forbidden("Forbidden: bot was kicked from the supergroup chat"));

        var result = await ctx.Sender.SendAsync(Chat("-100777"), Message(), cts.Token);

        Assert.Equal(SendStatus.ChatGone, result.Status);
        var (chat, _) = Assert.Single(ctx.Registry.Inactivated);
        Assert.Equal("-100777", chat.ChatId);
        Assert.Single(ctx.Server.CallsTo("sendMessage"));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_400Migrate_MigratesRegistryAndResendsToNewId()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.Migrated(-1001557912345), c => c.ChatId == "-4242");

        var result = await ctx.Sender.SendAsync(Chat("-4242"), Message(), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal("-1001557912345", result.MigratedTo?.ChatId);
        var (from, to) = Assert.Single(ctx.Registry.Migrations);
        Assert.Equal(("-4242", "-1001557912345"), (from.ChatId, to.ChatId));
        Assert.Equal(["-4242", "-1001557912345"], ctx.Server.CallsTo("sendMessage").Select(c => c.ChatId));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_5xxThenOk_RetriedAndSent()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.ServerError(), times: 1);

        var result = await ctx.Sender.SendAsync(Chat("9"), Message(), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal(2, ctx.Server.CallsTo("sendMessage").Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_400ParseError_ResentOnceAsPlainText()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.BadRequest("Bad Request: can't parse entities: unexpected end tag"));

        var result = await ctx.Sender.SendAsync(Chat("9"), Message("a <b> title"), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var calls = ctx.Server.CallsTo("sendMessage");
        Assert.Equal("HTML", calls[0]["parse_mode"], ignoreCase: true); // Telegram.Bot writes "Html"; the Bot API ignores case
        Assert.Null(calls[1]["parse_mode"]);
        Assert.Equal("a <b> title\n\nbody <&>", calls[1]["text"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_LongReportWithImage_PhotoThenValidMessages()
    {
        await using var ctx = await TelegramTestContext.StartAsync(o => o.ChatBurst = 10);
        using var cts = TestTimeouts.NetworkToken();
        var report = new Report(ReportKind.Liquidations, "BTCUSDT · 清算", [new NoteBlock(string.Join("\n", Enumerable.Range(0, 500).Select(i => $"{i}: <price> & size")))],
            Actions: [new ReportAction("Refresh", "liq BTCUSDT")]);
        var image = new ChartImage("heatmap.png", [0x89, 0x50, 0x4E, 0x47], "heatmap");

        var result = await ctx.Sender.SendAsync(new ChatAddress(ChatPlatform.Telegram, "-100200", "17"), new OutboundMessage(report, image, Silent: true), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var photo = Assert.Single(ctx.Server.CallsTo("sendPhoto"));
        Assert.Equal("17", photo["message_thread_id"]);
        Assert.Equal("true", photo["disable_notification"], ignoreCase: true); // multipart: "True"
        Assert.Contains("photo:heatmap.png:4", photo.FileNames);
        TelegramHtmlChecker.AssertValid(photo["caption"]!, TelegramHtmlRenderer.CaptionLimit);
        var texts = ctx.Server.CallsTo("sendMessage");
        Assert.True(texts.Count >= 2);
        Assert.All(texts, t => TelegramHtmlChecker.AssertValid(t["text"]!, TelegramHtmlRenderer.MessageLimit));
        Assert.All(texts, t => Assert.Equal("17", t["message_thread_id"]));
        Assert.Contains("liq BTCUSDT", texts[^1]["reply_markup"], StringComparison.Ordinal);
    }
}
