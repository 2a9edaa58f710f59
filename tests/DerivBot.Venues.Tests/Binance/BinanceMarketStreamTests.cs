using System.Net;
using System.Net.Sockets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Binance;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Binance;

public sealed class BinanceMarketStreamTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly CollectingStreamHandler _handler = new();
    private FakeBinanceServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private BinanceMarketStream Stream(Action<BinanceOptions>? configure = null, string? url = null)
    {
        var options = new BinanceOptions
        {
            FuturesStreamUrl = url ?? _fake.StreamUrl,
            ReconnectBackoffMin = TimeSpan.Zero,
            ReconnectBackoffMax = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new BinanceMarketStream(Options.Create(options), _time, NullLogger<BinanceMarketStream>.Instance, () => 0.5);
    }

    private static async Task StopAsync(CancellationTokenSource run, Task task)
    {
        await run.CancelAsync();
        await task.WaitAsync(TestTimeouts.Network);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_CombinedStream_DeliversMarkPricesAndLiquidationsOverRoutedUrl()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.EnqueueStream(async c =>
        {
            await c.SendFixtureAsync("stream_markPrice.json");
            await c.SendAsync("""{"result":null,"id":1}""");
            await c.SendFixtureAsync("stream_forceOrder.json");
            await c.WaitUntilClientGoneAsync();
        });
        var stream = Stream();

        var task = stream.RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => !_handler.Liquidations.IsEmpty, what: "the liquidation");
        await StopAsync(run, task);

        Assert.Equal("binance", stream.Name);
        Assert.Equal(3, Assert.Single(_handler.MarkPriceBatches).Count);
        Assert.Equal("ETHUSDT", Assert.Single(_handler.Liquidations).Symbol.Value);
        var request = Assert.Single(_fake.RequestsTo(FakeBinanceServer.StreamPath));
        Assert.Equal("?streams=!forceOrder@arr/!markPrice@arr@1s", Uri.UnescapeDataString(request.QueryString));
        Assert.Equal(
            [StreamState.Connecting, StreamState.Connected, StreamState.Disconnected],
            _handler.Statuses.Select(s => s.State));
        Assert.Equal("stopped", _handler.Statuses.Last().Detail);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_DroppedMidFrame_ReconnectsAndKeepsReceiving()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.EnqueueStream(async c =>
        {
            await c.SendFixtureAsync("stream_markPrice.json");
            // A TCP reset discards what the client has not read yet; drop only once the whole frame was consumed.
            await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 1, what: "the first frame to be read");
            await c.SendPartialThenDropAsync(FakeBinanceServer.FixtureText("stream_markPrice.json"));
        });
        _fake.EnqueueStream(async c =>
        {
            await c.SendFixtureAsync("stream_forceOrder.json");
            await c.SendFixtureAsync("stream_markPrice.json");
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 2, what: "a batch on the second connection");
        await StopAsync(run, task);

        Assert.Equal(2, _fake.StreamConnections);
        Assert.Single(_handler.Liquidations);
        // The half frame was never delivered: one batch per connection.
        Assert.Equal(2, _handler.MarkPriceBatches.Count);
        Assert.Contains(_handler.Statuses, s => s.State == StreamState.Disconnected && s.Detail!.StartsWith("connection dropped", StringComparison.Ordinal));
        Assert.Equal(2, _handler.CountStates(StreamState.Connected));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_MalformedFrame_IsSkippedAndConnectionKept()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.EnqueueStream(async c =>
        {
            await c.SendAsync("""{"stream":"!markPrice@arr@1s","data":[{"e":"markPriceUpdate","s":"BTCUSDT","p":"oops"}]}""");
            await c.SendAsync("not json at all");
            await c.SendFixtureAsync("stream_markPrice.json");
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 1, what: "the valid frame");
        await StopAsync(run, task);

        Assert.Equal(1, _fake.StreamConnections);
        Assert.Equal(3, Assert.Single(_handler.MarkPriceBatches).Count);
        Assert.Equal(1, _handler.CountStates(StreamState.Connected));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_ServerClosesCleanly_Reconnects()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.EnqueueStream(async c =>
        {
            await c.CloseAsync("maintenance");
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 1, what: "the second connection's frame");
        await StopAsync(run, task);

        Assert.Equal(2, _fake.StreamConnections);
        Assert.Contains(_handler.Statuses, s => s.State == StreamState.Disconnected && s.Detail!.Contains("maintenance", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_NoFrameForSilenceTimeout_ReportsSilentAndReconnects()
    {
        using var run = TestTimeouts.NetworkToken();
        // Default script: one mark-price frame, then silence with the socket still open.
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 1, what: "the first frame");

        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Equal(0, _handler.CountStates(StreamState.Silent));

        _time.Advance(TimeSpan.FromSeconds(1));
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 2, what: "a frame on the new connection");
        await StopAsync(run, task);

        Assert.Equal(2, _fake.StreamConnections);
        var silent = Assert.Single(_handler.Statuses, s => s.State == StreamState.Silent);
        Assert.Contains("30", silent.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_ConnectionOlderThanRotateAfter_RotatesWithoutBackoff()
    {
        using var run = TestTimeouts.NetworkToken();
        var stream = Stream(o =>
        {
            o.StreamRotateAfter = TimeSpan.FromHours(23);
            o.StreamSilenceTimeout = TimeSpan.FromHours(30);
            o.ReconnectBackoffMin = TimeSpan.FromMinutes(1);
            o.ReconnectBackoffMax = TimeSpan.FromMinutes(1);
        });

        var task = stream.RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 1, what: "the first frame");
        _time.Advance(TimeSpan.FromHours(23));
        // No clock advance after rotation: a backoff wait would hang here.
        await TestTimeouts.WaitUntilAsync(() => _handler.MarkPriceBatches.Count == 2, what: "a frame on the rotated connection");
        await StopAsync(run, task);

        Assert.Equal(2, _fake.StreamConnections);
        Assert.Equal(1, _handler.CountStates(StreamState.Rotating));
        Assert.Equal(0, _handler.CountStates(StreamState.Silent));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_ServerUnreachable_BacksOffOnInjectedClockBeforeRetrying()
    {
        using var run = TestTimeouts.NetworkToken();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var stream = Stream(o =>
        {
            o.ReconnectBackoffMin = TimeSpan.FromSeconds(2);
            o.ReconnectBackoffMax = TimeSpan.FromSeconds(60);
        }, url: $"ws://127.0.0.1:{port}/market");

        var task = stream.RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.CountStates(StreamState.Disconnected) == 1 && _time.PendingTimers > 0, what: "the first failure");
        Assert.Contains("connection refused", _handler.Statuses.Last().Detail, StringComparison.Ordinal);

        // Jitter 0.5 → first wait 2 s × 0.75 = 1.5 s.
        _time.Advance(TimeSpan.FromSeconds(1.4));
        await Task.Delay(100);
        Assert.Equal(1, _handler.CountStates(StreamState.Connecting));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await TestTimeouts.WaitUntilAsync(() => _handler.CountStates(StreamState.Disconnected) == 2, what: "the second attempt");
        await StopAsync(run, task);

        Assert.Equal(2, _handler.CountStates(StreamState.Connecting));
    }

    [Fact]
    public void Backoff_ConsecutiveFailures_DoublesWithJitterAndCaps()
    {
        var options = Options.Create(new BinanceOptions { ReconnectBackoffMin = TimeSpan.FromSeconds(1), ReconnectBackoffMax = TimeSpan.FromSeconds(10) });
        var low = new BinanceMarketStream(options, _time, NullLogger<BinanceMarketStream>.Instance, () => 0);
        var high = new BinanceMarketStream(options, _time, NullLogger<BinanceMarketStream>.Instance, () => 0.999999);

        Assert.Equal(TimeSpan.FromSeconds(0.5), low.Backoff(0));
        Assert.Equal(TimeSpan.FromSeconds(2), low.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(5), low.Backoff(10));
        Assert.InRange(high.Backoff(50), TimeSpan.FromSeconds(9.999), TimeSpan.FromSeconds(10));
    }
}
