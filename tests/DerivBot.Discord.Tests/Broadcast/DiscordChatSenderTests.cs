using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Discord.Tests.Interactions;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Broadcast;

public sealed class DiscordChatSenderTests
{
    private const int TestTimeoutMs = 60_000;
    private static readonly ChatAddress Channel = new(ChatPlatform.Discord, Some.ChannelId);
    private static readonly string Path = $"/api/v10/channels/{Some.ChannelId}/messages";

    private static DiscordChatSender Sender(FakeDiscordServer server, InMemoryChatRegistry registry, CollectingLoggerProvider? logs = null)
    {
        logs ??= new CollectingLoggerProvider();
        return new DiscordChatSender(Some.Rest(server, new ManualTimeProvider(), logs), new DiscordEmbedRenderer(), registry, logs.For<DiscordChatSender>());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Report_PostsEmbedWithButtonsAndNoMentions()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var sender = Sender(server, new InMemoryChatRegistry());
        using var cts = TestTimeouts.NetworkToken();
        var report = Some.Report(actions: [new("Refresh", "funding BTCUSDT"), new("Quadrant", "quadrant BTCUSDT")]);

        var result = await sender.SendAsync(Channel, new OutboundMessage(report, Silent: true), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", Path)).BodyText);
        var root = body.RootElement;
        Assert.Equal(0x2ECC71, root.GetProperty("embeds")[0].GetProperty("color").GetInt32());
        Assert.Equal(0, root.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal(1 << 12, root.GetProperty("flags").GetInt32());
        var buttons = root.GetProperty("components")[0].GetProperty("components");
        Assert.Equal("funding BTCUSDT", buttons[0].GetProperty("custom_id").GetString());
        Assert.Equal("Quadrant", buttons[1].GetProperty("label").GetString());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_WithChart_SendsMultipartWithAttachmentReference()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var sender = Sender(server, new InMemoryChatRegistry());
        using var cts = TestTimeouts.NetworkToken();

        var result = await sender.SendAsync(Channel, new OutboundMessage(Some.Report(), new ChartImage("history BTC.png", [1, 2, 3], "alt")), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var parts = await DiscordInteractionHandlerTests.ReadMultipartAsync(Assert.Single(server.RequestsTo("POST", Path)));
        Assert.Equal("payload_json", parts[0].Name);
        Assert.Equal("files[0]", parts[1].Name);
        using var payload = JsonDocument.Parse(parts[0].Body);
        Assert.Equal("attachment://history_BTC.png", payload.RootElement.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString());
        Assert.Equal("history_BTC.png", payload.RootElement.GetProperty("attachments")[0].GetProperty("filename").GetString());
        Assert.Equal("history_BTC.png", parts[1].FileName);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(403, 50001)]
    [InlineData(404, 10003)]
    public async Task SendAsync_ChannelForbiddenOrUnknown_MarksInactiveAndReturnsChatGone(int status, int code)
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", Path, new FakeResponse(status, $$"""{"message":"Missing Access","code":{{code}}}"""));
        var registry = new InMemoryChatRegistry();
        var sender = Sender(server, registry);
        using var cts = TestTimeouts.NetworkToken();

        var result = await sender.SendAsync(Channel, new OutboundMessage(Some.Report()), cts.Token);

        Assert.Equal(SendStatus.ChatGone, result.Status);
        var (chat, reason) = Assert.Single(registry.Inactivated);
        Assert.Equal(Channel, chat);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_LongRateLimit_ReturnsRetryLaterWithoutMarkingInactive()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", Path, new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":64.57,"global":false}"""));
        var registry = new InMemoryChatRegistry();
        var sender = Sender(server, registry);
        using var cts = TestTimeouts.NetworkToken();

        var result = await sender.SendAsync(Channel, new OutboundMessage(Some.Report()), cts.Token);

        Assert.Equal(SendStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(64.57), result.RetryAfter);
        Assert.Empty(registry.Inactivated);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_BadRequest_FailsWithoutRetry()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", Path, new FakeResponse(400, """{"message":"Invalid Form Body","code":50035}"""));
        var sender = Sender(server, new InMemoryChatRegistry());
        using var cts = TestTimeouts.NetworkToken();

        var result = await sender.SendAsync(Channel, new OutboundMessage(Some.Report()), cts.Token);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Single(server.RestRequests);
    }
}
