using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Okx;
using DerivBot.Venues.Streams;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Okx;

public sealed class OkxLiquidationStreamTests : IAsyncLifetime
{
    private const string SubscribeFrame = """{"op":"subscribe","args":[{"channel":"liquidation-orders","instType":"SWAP"}]}""";

    private static readonly OkxInstrument BtcLinear = new("BTC-USDT-SWAP", "linear", "BTC", "USDT", 0.01m, 1m, "live", DateTimeOffset.UnixEpoch);
    private static readonly OkxInstrument BtcInverse = new("BTC-USD-SWAP", "inverse", "USD", "BTC", 100m, 1m, "live", DateTimeOffset.UnixEpoch);
    private static readonly OkxInstrument PepeLinear = new("PEPE-USDT-SWAP", "linear", "PEPE", "USDT", 10_000_000m, 1m, "live", DateTimeOffset.UnixEpoch);
    private static readonly OkxInstrument EthLinear = new("ETH-USDT-SWAP", "linear", "ETH", "USDT", 0.1m, 1m, "live", DateTimeOffset.UnixEpoch);

    private readonly ManualTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1760054400000));
    private readonly CollectingStreamHandler _handler = new();
    private readonly FakeWatchedSymbols _watched = new("BTCUSDT");
    private FakeLiquidationSocketServer _fake = null!;
    private int _instrumentCalls;

    public async Task InitializeAsync() => _fake = await FakeLiquidationSocketServer.StartOkxAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private OkxLiquidationStream Stream() => new(
        Options.Create(new OkxOptions
        {
            StreamUrl = _fake.Url,
            Liquidations = new LiquidationStreamOptions { ReconnectBackoffMin = TimeSpan.Zero, ReconnectBackoffMax = TimeSpan.Zero },
        }),
        _ =>
        {
            Interlocked.Increment(ref _instrumentCalls);
            return Task.FromResult<IReadOnlyDictionary<string, OkxInstrument>>(
                new[] { BtcLinear, BtcInverse, PepeLinear, EthLinear }.ToDictionary(i => i.InstId));
        },
        _watched, _time, NullLogger<OkxLiquidationStream>.Instance, () => 0.5);

    private static async Task StopAsync(CancellationTokenSource run, Task task)
    {
        await run.CancelAsync();
        await task.WaitAsync(TestTimeouts.Network);
    }

    private static OkxLiquidationStream.RawEvent Raw(string instId, decimal sz, decimal bkPx) =>
        new(instId, PositionSide.Long, sz, bkPx, DateTimeOffset.FromUnixTimeMilliseconds(1760054400000));

    [Fact]
    public void ToLiquidation_LinearContracts_ConvertsWithCtVal()
    {
        // 25 contracts × 0.01 BTC = 0.25 BTC; × 100 000 = 25 000 USD.
        var l = OkxLiquidationStream.ToLiquidation(Raw("BTC-USDT-SWAP", 25m, 100_000m), BtcLinear, new Symbol("BTCUSDT"));
        Assert.Equal(0.25m, l.Quantity);
        Assert.Equal(100_000m, l.Price);
        Assert.Equal(25_000m, l.NotionalUsd);
        Assert.Equal("okx", l.Venue);
    }

    [Fact]
    public void ToLiquidation_InverseUsdContracts_AreUsdSized()
    {
        // 30 contracts × 100 USD = 3 000 USD; / 120 000 = 0.025 BTC.
        var l = OkxLiquidationStream.ToLiquidation(Raw("BTC-USD-SWAP", 30m, 120_000m), BtcInverse, new Symbol("BTCUSDT"));
        Assert.Equal(0.025m, l.Quantity);
        Assert.Equal(3_000m, l.NotionalUsd);
    }

    [Fact]
    public void ToLiquidation_CtMultAndThousandSymbol_RescaledToWatchedUnits()
    {
        var withMult = BtcLinear with { CtMult = 10m };
        Assert.Equal(2.5m, OkxLiquidationStream.ToLiquidation(Raw("BTC-USDT-SWAP", 25m, 100_000m), withMult, new Symbol("BTCUSDT")).Quantity);

        // 2 contracts × 10 000 000 PEPE = 20 000 000 PEPE = 20 000 units of 1000PEPE at 0.01 each = 200 USD.
        var pepe = OkxLiquidationStream.ToLiquidation(Raw("PEPE-USDT-SWAP", 2m, 0.00001m), PepeLinear, new Symbol("1000PEPEUSDT"));
        Assert.Equal(20_000m, pepe.Quantity);
        Assert.Equal(0.01m, pepe.Price);
        Assert.Equal(200m, pepe.NotionalUsd);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_Push_SubscribesChannelConvertsAndFiltersToWatchedAssets()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.Enqueue(async c =>
        {
            await c.WaitForFrameAsync(f => f == SubscribeFrame, "the subscribe frame");
            await c.SendAsync("""{"event":"subscribe","arg":{"channel":"liquidation-orders","instType":"SWAP"},"connId":"a"}""");
            await c.SendAsync("""
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[
                 {"instId":"BTC-USDT-SWAP","instFamily":"BTC-USDT","uly":"BTC-USDT","details":[{"side":"sell","posSide":"long","sz":"25","bkPx":"100000","bkLoss":"0","ccy":"","ts":"1760054400100"}]},
                 {"instId":"ETH-USDT-SWAP","details":[{"side":"buy","sz":"10","bkPx":"4000","ts":"1760054400200"}]},
                 {"instId":"BTC-USD-SWAP","details":[{"side":"buy","sz":"30","bkPx":"120000","ts":"1760054400300"}]}]}
                """);
            await c.WaitUntilClientGoneAsync();
        });

        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _handler.Liquidations.Count == 2, what: "the two BTC events");
        await Task.Delay(100);
        await StopAsync(run, task);

        Assert.Equal([SubscribeFrame], _fake.Connections[0].Received);
        var events = _handler.Liquidations.ToList();
        Assert.All(events, e => Assert.Equal("BTCUSDT", e.Symbol.Value)); // ETH is not watched
        Assert.Equal((PositionSide.Long, 25_000m), (events[0].Side, events[0].NotionalUsd));
        Assert.Equal((PositionSide.Short, 3_000m), (events[1].Side, events[1].NotionalUsd));
        Assert.True(_instrumentCalls >= 1);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_TextPing_IsAnsweredByPongAndNothingIsDelivered()
    {
        using var run = TestTimeouts.NetworkToken();
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 1 && !_fake.Connections[0].Received.IsEmpty, what: "the subscribe");
        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the keepalive timer");
        _time.Advance(TimeSpan.FromSeconds(20));
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections[0].PingsAnswered == 1, what: "the ping");
        await Task.Delay(100);
        await StopAsync(run, task);

        Assert.Contains("ping", _fake.Connections[0].Received);
        Assert.Empty(_handler.Liquidations);
        Assert.Equal(1, _handler.CountStates(StreamState.Connected));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_NothingWatchedAnyMore_UnsubscribesChannel_DropResubscribes()
    {
        using var run = TestTimeouts.NetworkToken();
        _fake.Enqueue(async c =>
        {
            await c.WaitForFrameAsync(f => f == SubscribeFrame, "the first subscribe");
            await c.SendAsync("{malformed");
            await c.SendAsync("""{"data":[{"instId":"BTC-USDT-SWAP","details":[{"side":"up","sz":"1","bkPx":"1","ts":"1"}]}]}""");
            c.Drop();
        });
        var task = Stream().RunAsync(_handler, run.Token);
        await TestTimeouts.WaitUntilAsync(() => _fake.Connections.Count == 2 && !_fake.Connections[1].Received.IsEmpty, what: "the resubscribe");
        Assert.Equal(SubscribeFrame, _fake.Connections[1].Received.First());

        await TestTimeouts.WaitUntilAsync(() => _time.PendingTimers >= 2, what: "the keepalive timer");
        _watched.Unwatch("BTCUSDT");
        _time.Advance(TimeSpan.FromSeconds(15));
        await _fake.Connections[1].WaitForFrameAsync(f => f.StartsWith("""{"op":"unsubscribe""", StringComparison.Ordinal), "the unsubscribe");
        await StopAsync(run, task);

        Assert.Empty(_handler.Liquidations);
        Assert.Equal(2, _handler.CountStates(StreamState.Connected));
    }
}
