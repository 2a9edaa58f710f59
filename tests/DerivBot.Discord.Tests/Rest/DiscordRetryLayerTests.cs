using System.Text.Json.Nodes;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Rest;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests.Rest;

/// <summary>
/// One retry layer per concern (#18), against the loopback Discord: a 429 is waited out once, by the rate limiter in
/// the client; a 5xx or a dropped connection is retried by the HttpClient's resilience handler a bounded number of
/// times; what still fails goes back to the outbox, which reschedules it durably.
/// </summary>
public sealed class DiscordRetryLayerTests
{
    private const int TestTimeoutMs = 60_000;
    private const string ChannelA = "111111111111111111";
    private const string ChannelB = "222222222222222222";

    private static string MessagesPath(string channel) => $"/api/v10/channels/{channel}/messages";

    private static JsonObject Payload() => new() { ["content"] = "x" };

    private static int Retries(CollectingLoggerProvider logs) =>
        logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("failed transiently", StringComparison.Ordinal));

    /// <summary>Lets the transport layer's backoff run until <paramref name="task"/> ends: whenever a delay timer is
    /// pending (in-flight attempts time out on the wall clock, so nothing else is), moves the clock past any jittered delay.</summary>
    private static async Task<T> DriveAsync<T>(ManualTimeProvider clock, Task<T> task)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew(); // bounds the test, not the code under test
        while (!task.IsCompleted && elapsed.Elapsed < TestTimeouts.Network)
        {
            if (clock.PendingTimers > 0)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
            }
            else
            {
                await Task.WhenAny(task, Task.Delay(10));
            }
        }
        return await task;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Bucket429WithResetAfter_WaitedOnceInTheQueueNotByTheTransport()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(429,
            """{"message":"You are being rate limited.","retry_after":2,"global":false}""",
            new Dictionary<string, string>
            {
                ["X-RateLimit-Bucket"] = "abcd1234",
                ["X-RateLimit-Limit"] = "5",
                ["X-RateLimit-Remaining"] = "0",
                ["X-RateLimit-Reset-After"] = "2",
                ["X-RateLimit-Scope"] = "user",
            }));
        using var rest = Some.Rest(server, clock, logs);
        using var cts = TestTimeouts.NetworkToken();

        var send = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1, what: "429 wait");
        // The per-route bucket: another channel's messages go at once.
        await rest.SendAsync(DiscordRoute.CreateMessage(ChannelB), Payload(), null, cts.Token);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(200);
        Assert.False(send.IsCompleted);
        Assert.Single(server.RequestsTo("POST", MessagesPath(ChannelA)));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await send;
        Assert.Equal(2, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
        Assert.Equal(0, Retries(logs));
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Global429_WaitedOnceForEveryRouteNotByTheTransport()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(429,
            """{"message":"You are being rate limited.","retry_after":1.5,"global":true}""",
            new Dictionary<string, string> { ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" }));
        using var rest = Some.Rest(server, clock, logs);
        using var cts = TestTimeouts.NetworkToken();

        var first = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 1, what: "429 wait");
        var other = rest.SendAsync(DiscordRoute.CreateMessage(ChannelB), Payload(), null, cts.Token);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers == 2, what: "the other route waiting too");
        clock.Advance(TimeSpan.FromMilliseconds(1499));
        await Task.Delay(200);
        Assert.Single(server.RestRequests);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(first, other);
        Assert.Equal(2, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
        Assert.Single(server.RequestsTo("POST", MessagesPath(ChannelB)));
        Assert.Equal(0, Retries(logs));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Transient5xxThenOk_RetriedByTheTransportAndSucceeds()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(503, """{"message":"Service Unavailable"}"""));
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(502));
        using var rest = Some.Rest(server, clock, logs);
        using var cts = TestTimeouts.NetworkToken();

        var send = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        var response = await DriveAsync(clock, send);

        Assert.Equal(200, response.Status);
        Assert.Equal(3, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
        Assert.Equal(2, Retries(logs));
        // The retry log names the route, never its URL or the token.
        Assert.Contains(logs.Entries, e => e.Message.Contains("CreateMessage", StringComparison.Ordinal) && e.Message.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.DoesNotContain(Some.Token, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ChannelA, logs.AllText, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_ConnectionDropped_RetriedByTheTransportAndSucceeds()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(0, DropConnection: true));
        using var rest = Some.Rest(server, clock, logs);
        using var cts = TestTimeouts.NetworkToken();

        var send = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        var response = await DriveAsync(clock, send);

        Assert.Equal(200, response.Status);
        Assert.Equal(2, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
        Assert.Contains(logs.Entries, e => e.Message.Contains(nameof(HttpRequestException), StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SendAsync_Persistent5xx_GivesUpAfterBoundedRetries()
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        for (var i = 0; i <= DiscordTransport.MaxTransientRetries; i++)
        {
            server.Enqueue("POST", MessagesPath(ChannelA), new FakeResponse(500, """{"message":"Internal Server Error"}"""));
        }
        using var rest = Some.Rest(server, clock, logs);
        using var cts = TestTimeouts.NetworkToken();

        var send = rest.SendAsync(DiscordRoute.CreateMessage(ChannelA), Payload(), null, cts.Token);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => DriveAsync(clock, send));

        Assert.Equal(500, ex.Status);
        Assert.False(ex.IsRateLimited);
        Assert.Equal(1 + DiscordTransport.MaxTransientRetries, server.RequestsTo("POST", MessagesPath(ChannelA)).Count);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OutboxDrain_PersistentTransportFailure_RescheduledByTheOutboxNotRetriedFurther(bool dropConnection)
    {
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        await using var server = await FakeDiscordServer.StartAsync();
        var path = MessagesPath(Some.ChannelId);
        for (var i = 0; i <= DiscordTransport.MaxTransientRetries; i++)
        {
            server.Enqueue("POST", path, dropConnection ? new FakeResponse(0, DropConnection: true) : new FakeResponse(502));
        }
        var chat = new ChatAddress(ChatPlatform.Discord, Some.ChannelId);
        var registry = new InMemoryChatRegistry();
        var sender = new DiscordChatSender(Some.Rest(server, clock, logs), new DiscordEmbedRenderer(), registry, logs.For<DiscordChatSender>(), clock);
        var store = new InMemoryOutboxStore();
        await store.EnqueueAsync(new OutboxDraft(chat, OutboxKind.Digest, "digest:1", new OutboundMessage(Some.Report())), clock.GetUtcNow(), default);
        var drainer = new OutboxDrainer(store, [sender], registry, new OutboxSignal(), new Fixed<JobsOptions>(new()),
            new Fixed<OutboxOptions>(new()), clock, logs.For<OutboxDrainer>());
        using var cts = TestTimeouts.NetworkToken();

        var drain = drainer.DrainOneAsync(sender, cts.Token);
        Assert.True(await DriveAsync(clock, drain));

        // The transport gave up after its bounded retries; the outbox holds the message for a later attempt.
        Assert.Equal(1 + DiscordTransport.MaxTransientRetries, server.RequestsTo("POST", path).Count);
        Assert.Equal(new OutboxStats(1, 0, 0), await store.GetStatsAsync(default));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), await store.GetNextAttemptAsync(ChatPlatform.Discord, default));
        Assert.Null(await store.PeekNextAsync(ChatPlatform.Discord, clock.GetUtcNow(), default));
        Assert.Equal(1, (await store.PeekNextAsync(ChatPlatform.Discord, clock.GetUtcNow().AddSeconds(30), default))!.Attempts);
        Assert.Empty(registry.Inactivated);
        Assert.Equal(0, clock.PendingTimers);

        // Its next attempt (Discord is back) goes through.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await drainer.DrainOneAsync(sender, cts.Token));
        Assert.Equal(new OutboxStats(0, 1, 0), await store.GetStatsAsync(default));
    }

    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
