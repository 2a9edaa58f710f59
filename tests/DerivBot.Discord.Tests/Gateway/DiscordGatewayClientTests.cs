using System.Text.Json;
using DerivBot.Discord.Gateway;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Gateway;

public sealed class DiscordGatewayClientTests
{
    private const int TestTimeoutMs = 60_000;

    private sealed class Harness : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;

        private Harness(FakeDiscordServer server, ManualTimeProvider clock, DiscordGatewayClient client, RecordingDispatchHandler handler, CollectingLoggerProvider logs, CancellationTokenSource timeout)
        {
            Server = server;
            Clock = clock;
            Client = client;
            Handler = handler;
            Logs = logs;
            Timeout = timeout;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            Run = client.RunAsync(server.GatewayUrl, _stop.Token);
        }

        public FakeDiscordServer Server { get; }
        public ManualTimeProvider Clock { get; }
        public DiscordGatewayClient Client { get; }
        public RecordingDispatchHandler Handler { get; }
        public CollectingLoggerProvider Logs { get; }
        public CancellationTokenSource Timeout { get; }
        public Task Run { get; }
        public CancellationToken Token => Timeout.Token;

        public static async Task<Harness> StartAsync(double jitter = 0.5, GatewayShard? shard = null, int maxConcurrency = 1)
        {
            var timeout = TestTimeouts.NetworkToken();
            var server = await FakeDiscordServer.StartAsync();
            var clock = new ManualTimeProvider();
            var handler = new RecordingDispatchHandler();
            var logs = new CollectingLoggerProvider();
            var client = new DiscordGatewayClient(Some.Options(server), handler, clock, logs.For<DiscordGatewayClient>(), () => jitter,
                shard, shard is null ? null : new DiscordIdentifyLimiter(maxConcurrency, clock));
            return new Harness(server, clock, client, handler, logs, timeout);
        }

        /// <summary>Accepts a connection, says Hello, expects Identify, sends READY (s=1).</summary>
        public async Task<FakeGatewayConnection> ConnectReadyAsync(string sessionId = "session-1")
        {
            var c = await Server.NextConnectionAsync(Token);
            await c.HelloAsync(45_000, Token);
            await c.NextAsync(2, Token);
            await c.ReadyAsync(sessionId, 1, cancellationToken: Token);
            await TestTimeouts.WaitUntilAsync(() => Client.SessionId == sessionId, what: "READY processed");
            return c;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }
            catch (DiscordGatewayFatalException)
            {
            }
            _stop.Dispose();
            Timeout.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Shard_IdentifyCarriesShardAndReidentifyWaitsForItsBucket()
    {
        await using var h = await Harness.StartAsync(shard: new GatewayShard(3, 8), maxConcurrency: 2);
        var c1 = await h.Server.NextConnectionAsync(h.Token);
        await c1.HelloAsync(45_000, h.Token);
        var identify = await c1.NextAsync(2, h.Token);
        Assert.Equal([3, 8], identify.GetProperty("d").GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        await c1.ReadyAsync("session-s", 1, cancellationToken: h.Token);

        // op 9 false: a new session, so a new Identify, which must wait for bucket 3 % 2 = 1 to allow one again (5 s).
        await c1.SendAsync("""{"op":9,"d":false}""", h.Token);
        using (var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Server.NextConnectionAsync(quiet.Token));
        }
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        var again = await c2.NextAsync(2, h.Token);
        Assert.Equal([3, 8], again.GetProperty("d").GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Unsharded_IdentifyHasNoShardField()
    {
        await using var h = await Harness.StartAsync();
        var c = await h.Server.NextConnectionAsync(h.Token);
        await c.HelloAsync(45_000, h.Token);
        var identify = await c.NextAsync(2, h.Token);
        Assert.False(identify.GetProperty("d").TryGetProperty("shard", out _));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Hello_IdentifiesWithTokenIntentsZeroAndProperties()
    {
        await using var h = await Harness.StartAsync();
        var c = await h.Server.NextConnectionAsync(h.Token);
        await c.HelloAsync(45_000, h.Token);

        var identify = await c.NextAsync(2, h.Token);

        Assert.Equal("/gateway", c.Path);
        Assert.Contains("v=10", c.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", c.Query, StringComparison.Ordinal);
        var d = identify.GetProperty("d");
        Assert.Equal(Some.Token, d.GetProperty("token").GetString());
        Assert.Equal(0, d.GetProperty("intents").GetInt32());
        var properties = d.GetProperty("properties");
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("os").GetString()));
        Assert.Equal("derivbot", properties.GetProperty("browser").GetString());
        Assert.Equal("derivbot", properties.GetProperty("device").GetString());
        Assert.DoesNotContain(Some.Token, h.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Heartbeats_FirstAfterIntervalTimesJitterThenEveryIntervalWithLastSequence()
    {
        await using var h = await Harness.StartAsync(jitter: 0.5);
        var c = await h.ConnectReadyAsync();
        await c.DispatchAsync("GUILD_CREATE", """{"id":"1"}""", 7, h.Token);
        await TestTimeouts.WaitUntilAsync(() => h.Client.Sequence == 7, what: "sequence 7");
        await TestTimeouts.WaitUntilAsync(() => h.Clock.PendingTimers == 1, what: "heartbeat timer");

        // 45 s × 0.5 = 22.5 s: nothing a millisecond before, a heartbeat exactly then.
        h.Clock.Advance(TimeSpan.FromMilliseconds(22_499));
        await Task.Delay(200);
        Assert.Empty(c.Heartbeats);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var first = await c.NextAsync(1, h.Token);
        Assert.Equal(7, first.GetProperty("d").GetInt64());

        await c.DispatchAsync("GUILD_CREATE", """{"id":"2"}""", 8, h.Token);
        await TestTimeouts.WaitUntilAsync(() => h.Client.Sequence == 8, what: "sequence 8");
        await TestTimeouts.WaitUntilAsync(() => h.Clock.PendingTimers == 1, what: "next heartbeat timer");
        h.Clock.Advance(TimeSpan.FromMilliseconds(44_999));
        await Task.Delay(200);
        Assert.Single(c.Heartbeats);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await c.NextAsync(1, h.Token);
        Assert.Equal(8, second.GetProperty("d").GetInt64());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_ServerHeartbeatRequest_AnswersImmediately()
    {
        await using var h = await Harness.StartAsync();
        var c = await h.ConnectReadyAsync();

        await c.SendAsync("""{"op":1,"d":null}""", h.Token);
        var beat = await c.NextAsync(1, h.Token);

        Assert.Equal(1, beat.GetProperty("d").GetInt64());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_ConnectionDropped_ResumesOnResumeUrlWithSessionAndSequence()
    {
        await using var h = await Harness.StartAsync();
        var c1 = await h.ConnectReadyAsync("session-drop");
        await c1.DispatchAsync("GUILD_CREATE", """{"id":"1"}""", 42, h.Token);
        await TestTimeouts.WaitUntilAsync(() => h.Client.Sequence == 42, what: "sequence 42");

        c1.Abort();
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        var resume = await c2.NextAsync(6, h.Token);

        Assert.Equal("/resume", c2.Path);
        Assert.Contains("v=10", c2.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", c2.Query, StringComparison.Ordinal);
        AssertResume(resume, "session-drop", 42);
        Assert.DoesNotContain(c2.AllReceived, f => FakeGatewayConnection.Op(f) == 2);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Reconnect_Op7_ClosesNon1000AndResumes()
    {
        await using var h = await Harness.StartAsync();
        var c1 = await h.ConnectReadyAsync("session-7");

        await c1.SendAsync("""{"op":7,"d":null}""", h.Token);
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        var resume = await c2.NextAsync(6, h.Token);

        await c1.Ended.WaitAsync(h.Token);
        Assert.NotNull(c1.ClientCloseCode);
        Assert.NotEqual(1000, c1.ClientCloseCode);
        Assert.NotEqual(1001, c1.ClientCloseCode);
        Assert.Equal("/resume", c2.Path);
        AssertResume(resume, "session-7", 1);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(true, "/resume", 6)]
    [InlineData(false, "/gateway", 2)]
    public async Task RunAsync_InvalidSession_ResumesWhenResumableElseIdentifies(bool resumable, string expectedPath, int expectedOp)
    {
        await using var h = await Harness.StartAsync();
        var c1 = await h.ConnectReadyAsync("session-9");

        await c1.SendAsync($$"""{"op":9,"d":{{(resumable ? "true" : "false")}}}""", h.Token);
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        var frame = await c2.NextAsync(expectedOp, h.Token);

        Assert.Equal(expectedPath, c2.Path);
        if (resumable)
        {
            AssertResume(frame, "session-9", 1);
        }
        else
        {
            Assert.Equal(Some.Token, frame.GetProperty("d").GetProperty("token").GetString());
        }
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(4000, "/resume", 6)]
    [InlineData(4008, "/resume", 6)]
    [InlineData(4007, "/gateway", 2)]
    [InlineData(4009, "/gateway", 2)]
    public async Task RunAsync_ReconnectableClose_ResumesOrIdentifiesByCode(int code, string expectedPath, int expectedOp)
    {
        await using var h = await Harness.StartAsync();
        var c1 = await h.ConnectReadyAsync("session-close");

        await c1.CloseAsync(code, h.Token);
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        await c2.NextAsync(expectedOp, h.Token);

        Assert.Equal(expectedPath, c2.Path);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_HeartbeatNotAcknowledged_ClosesWith4000AndResumes()
    {
        await using var h = await Harness.StartAsync(jitter: 0);
        var c1 = await h.Server.NextConnectionAsync(h.Token);
        c1.AutoAckHeartbeats = false;
        await c1.HelloAsync(45_000, h.Token);
        await c1.NextAsync(2, h.Token);
        await c1.ReadyAsync("session-zombie", 3, cancellationToken: h.Token);
        await TestTimeouts.WaitUntilAsync(() => h.Client.SessionId == "session-zombie", what: "READY");
        await TestTimeouts.WaitUntilAsync(() => h.Clock.PendingTimers == 1, what: "heartbeat timer");

        h.Clock.Advance(TimeSpan.Zero);
        await c1.NextAsync(1, h.Token);
        await TestTimeouts.WaitUntilAsync(() => h.Clock.PendingTimers == 1, what: "second heartbeat timer");
        h.Clock.Advance(TimeSpan.FromSeconds(45));

        await c1.Ended.WaitAsync(h.Token);
        Assert.Equal(4000, c1.ClientCloseCode);
        Assert.Single(c1.Heartbeats);
        var c2 = await h.Server.NextConnectionAsync(h.Token);
        await c2.HelloAsync(45_000, h.Token);
        AssertResume(await c2.NextAsync(6, h.Token), "session-zombie", 3);
        Assert.Contains("not acknowledged", h.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task RunAsync_FatalCloseCode_StopsWithoutReconnecting(int code)
    {
        await using var h = await Harness.StartAsync();
        var c1 = await h.Server.NextConnectionAsync(h.Token);
        await c1.HelloAsync(45_000, h.Token);
        await c1.NextAsync(2, h.Token);

        await c1.CloseAsync(code, h.Token);

        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Run.WaitAsync(h.Token));
        Assert.Equal(code, ex.CloseCode);
        Assert.Contains(h.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.False(h.Server.Server.Requests.Count(r => r.Path is "/gateway" or "/resume") > 1, "no reconnect after a fatal close");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RunAsync_Dispatch_ReachesHandlerWithReadyApplicationId()
    {
        await using var h = await Harness.StartAsync();
        var c = await h.ConnectReadyAsync();

        await c.DispatchAsync("INTERACTION_CREATE", """{"id":"5","type":2}""", 2, h.Token);

        await TestTimeouts.WaitUntilAsync(() => !h.Handler.Dispatches.IsEmpty, what: "dispatch");
        Assert.Equal(Some.AppId, Assert.Single(h.Handler.Ready));
        var (name, data) = Assert.Single(h.Handler.Dispatches);
        Assert.Equal("INTERACTION_CREATE", name);
        Assert.Equal("5", data.GetProperty("id").GetString());
    }

    [Fact]
    public async Task SendGate_120PerMinute_WaitsForTheWindowToMove()
    {
        var clock = new ManualTimeProvider();
        var gate = new GatewaySendGate(clock);
        for (var i = 0; i < 115; i++)
        {
            await gate.WaitAsync(heartbeat: false, CancellationToken.None);
        }

        var blocked = gate.WaitAsync(heartbeat: false, CancellationToken.None);
        var heartbeat = gate.WaitAsync(heartbeat: true, CancellationToken.None);

        Assert.True(heartbeat.IsCompletedSuccessfully, "heartbeats have reserved slots");
        Assert.False(blocked.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(blocked.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await blocked.WaitAsync(TestTimeouts.Network);
    }

    private static void AssertResume(JsonElement frame, string sessionId, long seq)
    {
        Assert.Equal(6, frame.GetProperty("op").GetInt32());
        var d = frame.GetProperty("d");
        Assert.Equal(Some.Token, d.GetProperty("token").GetString());
        Assert.Equal(sessionId, d.GetProperty("session_id").GetString());
        Assert.Equal(seq, d.GetProperty("seq").GetInt64());
    }
}
