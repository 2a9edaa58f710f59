using System.Text.Json.Nodes;
using DerivBot.Discord.Rest;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private const int TestTimeoutMs = 60_000;
    private const string ChannelA = "111111111111111111";
    private const string ChannelB = "222222222222222222";

    private static string MessagesPath(string channel) => $"/api/v10/channels/{channel}/messages";

    private static JsonObject Payload() => new() { ["content"] = "x" };

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_BucketExhausted_WaitsResetAfterBeforeNextRequestToThatBucket()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(200, "{}", new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = "abcd1234",
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "2.5",
        }));
        using var rest = Some.Rest(server, clock);
        using var cts = TestTimeouts.NetworkToken();

        await rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        var second = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1, what: "bucket wait");

        // Another channel is another bucket scope: it goes at once.
        await rest.SendAsync(DiscordRoute.CreateMessage(ChannelB), Payload(), null, cts.Token);
        Assert.Single(server.RequestsTo("POST", MessagesPath(ChannelA)));
        clock.Advance(TimeSpan.FromMilliseconds(2499));
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        Assert.Single(server.RequestsTo("POST", MessagesPath(ChannelA)));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.Equal(2, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Global429_NoRequestOfAnyRouteBeforeRetryAfter()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(429,
            """{"message":"You are being rate limited.","retry_after":3.5,"global":true}""",
            new Dictionary<string, string> { ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global", ["Retry-After"] = "4" }));
        using var rest = Some.Rest(server, clock);
        using var cts = TestTimeouts.NetworkToken();

        var first = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1, what: "429 wait");
        var other = rest.SendAsync(DiscordRoute.CreateMessage(ChannelB), Payload(), null, cts.Token);
        var gateway = rest.GetGatewayUrlAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 3, what: "all routes waiting");
        clock.Advance(TimeSpan.FromMilliseconds(3499));
        await Task.Delay(200);
        Assert.Single(server.RestRequests);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(first, other, gateway);
        Assert.Equal(4, server.RestRequests.Count);
        Assert.Equal(1, rest.InvalidRequests.Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Shared429_IsNotCountedAsInvalid()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(429,
            """{"message":"You are being rate limited.","retry_after":1,"global":false}""",
            new Dictionary<string, string> { ["X-RateLimit-Scope"] = "shared" }));
        using var rest = Some.Rest(server, clock);
        using var cts = TestTimeouts.NetworkToken();

        var send = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1, what: "429 wait");
        clock.Advance(TimeSpan.FromSeconds(1));
        await send;

        Assert.Equal(0, rest.InvalidRequests.Count);
        Assert.Equal(2, server.RestRequests.Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_RetryAfterBeyondMaxWait_ThrowsRateLimitedWithoutRetrying()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(429, """{"message":"slow down","retry_after":120,"global":false}"""));
        using var rest = Some.Rest(server, new ManualTimeProvider());
        using var cts = TestTimeouts.NetworkToken();

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token));

        Assert.True(ex.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Single(server.RestRequests);
    }

    [Fact]
    public void InvalidRequestCounter_ApproachingLimit_WarnsOncePerThousand()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        var counter = new InvalidRequestCounter(clock, logs.For<DiscordRestClient>(), warnAt: 5);

        for (var i = 0; i < 4; i++)
        {
            counter.Record(403, "CreateMessage");
        }
        Assert.Empty(logs.Entries);
        counter.Record(403, "CreateMessage");
        counter.Record(403, "CreateMessage");
        Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task GetGatewayUrlAsync_SendsBotAuthorizationAndUserAgent()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var rest = Some.Rest(server, new ManualTimeProvider());
        using var cts = TestTimeouts.NetworkToken();

        var url = await rest.GetGatewayUrlAsync(cts.Token);

        Assert.Equal(server.GatewayUrl.ToString().TrimEnd('/'), url.ToString().TrimEnd('/'));
        var request = Assert.Single(server.RestRequests);
        Assert.Equal("Bot " + Some.Token, request.Headers["Authorization"]);
        Assert.Matches(@"^DiscordBot \(https?://\S+, [^)]+\)$", request.Headers["User-Agent"]);
    }
}
