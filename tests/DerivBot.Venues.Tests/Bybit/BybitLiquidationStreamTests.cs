using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Bybit;
using DerivBot.Venues.Streams;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Bybit;

public sealed class BybitLiquidationStreamTests : IAsyncLifetime
{
    private const string BtcPush =
        """{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1760054400600,"data":[{"T":1760054400500,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"110000.5"},{"T":1760054400510,"s":"BTCUSDT","S":"Sell","v":"1.5","p":"110100"}]}""";

    private readonly ManualTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1760054400000));
    private readonly CollectingStreamHandler _handler = new();
    private readonly FakeWatchedSymbols _watched = new("BTCUSDT");
    private FakeLiquidationSocketServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeLiquidationSocketServer.StartBybitAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private BybitLiquidationStream Stream() => new(
        Options.Create(new BybitOptions
        {
            StreamUrl = _fake.Url,
            Liquidations = new LiquidationStreamOptions { ReconnectBackoffMin = TimeSpan.Zero, ReconnectBackoffMax = TimeSpan.Zero },
        }),
        _watched, _time, NullLogger<BybitLiquidationStream>.Instance, () => 0.5);

    private static async Task StopAsync(CancellationTokenSource run, Task task)
    {
        await run.CancelAsync();
        await task.WaitAsync(TestTimeouts.Network);
    }

    private static bool IsSubscribe(string frame, string topic) =>
        frame.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal) && frame.Contains($"\"{topic}\"", StringComparison.Ordinal);

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_WatchedSymbol_SubscribesTopicAndDeliversBuyAsLongLiquidations()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.Enqueue(async c =>
        {
            await c.WaitForFrameAsync(f => IsSubscribe(f, "allLiquidation.BTCUSDT"), "the subscribe frame");
            await c.SendAsync("""{"success":true,"ret_msg":"","conn_id":"x","req_id":"","op":"subscribe"}""");
            await c.SendAsync(BtcPush);
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.Liquidations.Count == 2, what: "two liquidations");
        await StopAsync(run, task);

        var frame = Assert.Single(_fake.Connections[0].Received);
        Assert.Equal("""{"op":"subscribe","args":["allLiquidation.BTCUSDT"]}""", frame);
        var (buy, sell) = (_handler.Liquidations.First(), _handler.Liquidations.Last());
        Assert.Equal(new Liquidation(new Symbol("BTCUSDT"), PositionSide.Long, 110000.5m, 110000.5m, 0.25m,
            DateTimeOffset.FromUnixTimeMilliseconds(1760054400500), "bybit"), buy);
        Assert.Equal(PositionSide.Short, sell.Side);
        // Base size × bankruptcy price: 1.5 BTC × 110 100 = 165 150 USD.
        Assert.Equal(165150m, sell.NotionalUsd);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_PingIntervalPasses_SendsOpPingAnsweredByPongAndStaysConnected()
    {
        using var run = TestTimeouts.NetworkToken();
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 1 && !_fake.Connections[0].Received.IsEmpty, what: "the subscribe");
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the keepalive timer");

        _time.Advance(TimeSpan.FromSeconds(20));
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections[0].PingsAnswered == 1, what: "the ping");
        // The pong is a frame: it resets the silence timer, so 50 s more (70 s after connecting) is not silence.
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the next keepalive timer");
        _time.Advance(TimeSpan.FromSeconds(20));
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections[0].PingsAnswered == 2, what: "the second ping");
        _time.Advance(TimeSpan.FromSeconds(20));
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections[0].PingsAnswered == 3, what: "the third ping");
        await StopAsync(run, task);

        Assert.Single(_fake.Connections);
        Assert.Equal(0, _handler.CountStates(StreamState.Silent));
        Assert.Contains("""{"op":"ping"}""", _fake.Connections[0].Received);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_WatchListChanges_SubscribesNewAndUnsubscribesDroppedWithinOneRefresh()
    {
        using var run = TestTimeouts.NetworkToken();
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 1 && !_fake.Connections[0].Received.IsEmpty, what: "the subscribe");
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the keepalive timer");

        _watched.Watch("ETHUSDT");
        _watched.Unwatch("BTCUSDT");
        _time.Advance(TimeSpan.FromSeconds(15));
        var c = _fake.Connections[0];
        await c.WaitForFrameAsync(f => IsSubscribe(f, "allLiquidation.ETHUSDT"), "the ETH subscribe");
        await c.WaitForFrameAsync(f => f == """{"op":"unsubscribe","args":["allLiquidation.BTCUSDT"]}""", "the BTC unsubscribe");
        // A late BTC push after the unsubscribe is not delivered.
        await c.SendAsync(BtcPush);
        await c.SendAsync("""{"topic":"allLiquidation.ETHUSDT","type":"snapshot","ts":1,"data":[{"T":1760054401000,"s":"ETHUSDT","S":"Sell","v":"2","p":"4000"}]}""");
        await TestTimeouts.WaitUntilAsync(() => !_handler.Liquidations.IsEmpty, what: "the ETH event");
        await StopAsync(run, task);

        Assert.Equal("ETHUSDT", Assert.Single(_handler.Liquidations).Symbol.Value);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_DroppedThenSilent_ReconnectsAndResubscribesEachTime()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.Enqueue(async c =>
        {
            await c.WaitForFrameAsync(f => IsSubscribe(f, "allLiquidation.BTCUSDT"), "the first subscribe");
            c.Drop();
        });
        // Second connection: subscribed again, then the server goes mute (pings unanswered) while the clock passes.
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 2 && !_fake.Connections[1].Received.IsEmpty, what: "the second subscribe");
        Assert.True(IsSubscribe(_fake.Connections[1].Received.First(), "allLiquidation.BTCUSDT"));
        Assert.Contains(_handler.Statuses, s => s.State == StreamState.Disconnected && s.Detail!.Contains("dropped", StringComparison.Ordinal));

        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the timers of the second connection");
        _fake.AnswerPings = false;
        _time.Advance(TimeSpan.FromSeconds(61));
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 3 && !_fake.Connections[2].Received.IsEmpty, what: "the third subscribe");
        await StopAsync(run, task);

        Assert.True(_handler.CountStates(StreamState.Silent) == 1, string.Join(" | ", _handler.Statuses.Select(s => $"{s.State} {s.Detail}")));
        Assert.True(IsSubscribe(_fake.Connections[2].Received.First(), "allLiquidation.BTCUSDT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_MalformedFrames_AreSkippedAndConnectionKept()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.Enqueue(async c =>
        {
            await c.WaitForFrameAsync(f => IsSubscribe(f, "allLiquidation.BTCUSDT"), "the subscribe frame");
            await c.SendAsync("not json");
            await c.SendAsync("""{"topic":"allLiquidation.BTCUSDT","data":[{"T":1,"s":"BTCUSDT","S":"Sideways","v":"1","p":"1"}]}""");
            await c.SendAsync("""{"topic":"allLiquidation.BTCUSDT","data":[{"T":1,"s":"BTCUSDT","S":"Buy","v":"oops","p":"1"}]}""");
            await c.SendAsync("""{"success":false,"ret_msg":"Invalid symbol :[allLiquidation.NOPEUSDT]","op":"subscribe"}""");
            await c.SendAsync(BtcPush);
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.Liquidations.Count == 2, what: "the valid push");
        await StopAsync(run, task);

        Assert.Single(_fake.Connections);
        Assert.Equal(1, _handler.CountStates(StreamState.Connected));
    }

    [Theory]
    [InlineData("BTCUSDT", "BTCUSDT")]
    [InlineData("BTC-USDT-SWAP", "BTCUSDT")]
    [InlineData("1000PEPEUSDT", "1000PEPEUSDT")]
    public void BybitName_WatchedSymbolInAnyNaming_IsBybitLinearName(string watched, string expected) =>
        Assert.Equal(expected, BybitLiquidationStream.BybitName(new Symbol(watched)));

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_TwentyThreeWatched_SubscribesInFramesOfTen()
    {
        using var run = TestTimeouts.NetworkToken();
        for (var i = 0; i < 23; i++)
        {
            _watched.Watch($"C{i:00}USDT");
        }
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 1 && _fake.Connections[0].Received.Count == 3, what: "three subscribe frames");
        await StopAsync(run, task);

        var frames = _fake.Connections[0].Received.ToList();
        Assert.Equal([10, 10, 4], frames.Select(f => f.Split("allLiquidation.").Length - 1));
    }
}
