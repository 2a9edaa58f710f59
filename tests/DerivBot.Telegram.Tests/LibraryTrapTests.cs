using System.Net;
using System.Text;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Tests;

/// <summary>The known traps of Telegram.Bot 22.x, each pinned (docs/telegram.md, "Telegram.Bot").</summary>
public sealed class LibraryTrapTests
{
    private static OutboundMessage Message() => new(new Report(ReportKind.Info, "hello", [ParagraphBlock.Of("body")]));

    [Fact(Timeout = 30_000)]
    public async Task Client_429_ThrownAtOnceWithErrorCodeAndRetryAfterNotRetriedByTheLibrary()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.TooManyRequests(5));

        // With the library's default RetryThreshold (60 s) it would sleep 5 s and send again (then succeed).
        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => ctx.Client.SendMessage(555, "hi", cancellationToken: cts.Token));

        Assert.Equal(429, ex.ErrorCode);
        Assert.Equal(5, ex.Parameters?.RetryAfter);
        Assert.Null(ex.HttpStatusCode); // on API errors only ErrorCode says what happened
        Assert.Single(ctx.Server.CallsTo("sendMessage"));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_429RetryAfter5_SendQueueHoldsTheChatAfterExactlyOneRequest()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock, serverClock: clock);
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.TooManyRequests(5));

        var send = ctx.Sender.SendAsync(new ChatAddress(ChatPlatform.Telegram, "555"), Message(), cts.Token);
        await TestTimeouts.WaitUntilAsync(() => ctx.SendQueue.ChatHeldUntil("555") is not null, what: "the send queue to hold the chat");

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(5), ctx.SendQueue.ChatHeldUntil("555"));
        Assert.Single(ctx.Server.CallsTo("sendMessage"));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SendStatus.Sent, (await send.WaitAsync(cts.Token)).Status);
        Assert.Equal(2, ctx.Server.CallsTo("sendMessage").Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_ApiBaseUrlWithPath_RequestsKeepThePath()
    {
        // Telegram.Bot keeps only scheme and authority of a base URL; a proxy under a path must still work.
        await using var ctx = await TelegramTestContext.StartAsync(o => o.ApiBaseUrl = new Uri(o.ApiBaseUrl, "tgproxy/"));
        using var cts = TestTimeouts.NetworkToken();

        var result = await ctx.Sender.SendAsync(new ChatAddress(ChatPlatform.Telegram, "9"), Message(), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal("/tgproxy", Assert.Single(ctx.Server.CallsTo("sendMessage")).PathPrefix);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_NoAnswerWithinRequestTimeout_RetriedAsTransientAndSent()
    {
        await using var ctx = await TelegramTestContext.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("sendMessage", FakeReply.NoAnswer());

        var result = await ctx.Sender.SendAsync(new ChatAddress(ChatPlatform.Telegram, "9"), Message(), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal(2, ctx.Server.CallsTo("sendMessage").Count);
        Assert.Contains(ctx.Logs.Entries, e => e.Text.Contains("timed out", StringComparison.Ordinal));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("HTML", HttpStatusCode.OK)]
    [InlineData("Html", HttpStatusCode.OK)]
    [InlineData("html", HttpStatusCode.OK)]
    [InlineData("Htm", HttpStatusCode.BadRequest)]
    public async Task FakeServer_ParseModeInAnyCase_AcceptedLikeTheBotApi(string parseMode, HttpStatusCode expected)
    {
        await using var fake = await FakeTelegramServer.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        using var http = new HttpClient();
        using var body = new StringContent($$"""{"chat_id":9,"text":"<b>x</b>","parse_mode":"{{parseMode}}"}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(fake.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/bot" + FakeTelegramServer.Token + "/sendMessage"), body, cts.Token);

        Assert.Equal(expected, response.StatusCode);
    }
}
