using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Venues.Gate;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Tests.Gate;

/// <summary><c>/futures/usdt/liq_orders</c> polled for the watched symbols against the loopback Gate fake.</summary>
public sealed class GateLiquidationPollerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1760054400);
    private readonly ManualTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();
    private readonly CollectingStreamHandler _handler = new();
    private FakeJsonVenueServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeJsonVenueServer.StartAsync("gate",
        new Dictionary<string, string> { [GateVenue.ContractsPath] = "contracts.json" },
        basePath: "/api/v4",
        check: r => r.Method == "GET" ? null : "GET only");

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private GateLiquidationPoller Poller(FakeWatchedSymbols watched) => new(
        new GateVenue(_http, Options.Create(new GateOptions { RestUrl = _fake.RestUrl }),
            Options.Create(new VenuesOptions { RequestTimeout = TimeSpan.FromSeconds(5) }), _time, NullLogger<GateVenue>.Instance),
        Options.Create(new GateOptions { RestUrl = _fake.RestUrl, LiquidationPollInterval = TimeSpan.FromSeconds(30) }),
        watched, _time, NullLogger<GateLiquidationPoller>.Instance);

    private static string Row(long time, int size, string fill) =>
        $$"""{"time":{{time}},"contract":"BTC_USDT","size":{{size}},"order_price":"1","fill_price":"{{fill}}","left":0}""";

    [Fact(Timeout = 30_000)]
    public async Task PollOnceAsync_TwoPolls_OnlyWindowEventsCountAndNoneTwice()
    {
        using var cts = TestTimeouts.NetworkToken();
        var t0 = Now.ToUnixTimeSeconds();
        // First poll covers (t0-30, t0]: the event at t0-31 is outside, t0-30 is the open edge, t0-5 and t0 count.
        _fake.Enqueue(GateVenue.LiquidationsPath, FakeResponse.Json("[" + string.Join(",",
            Row(t0 - 31, 999, "100000"), Row(t0 - 30, 999, "100000"), Row(t0 - 5, 600, "100000"), Row(t0, -200, "101000")) + "]"));
        // Second poll covers (t0, t0+30]: Gate answers the t0 event again (inclusive from), it must not count twice.
        _fake.Enqueue(GateVenue.LiquidationsPath, FakeResponse.Json("[" + string.Join(",",
            Row(t0, -200, "101000"), Row(t0 + 12, 1000, "99000")) + "]"));
        var poller = Poller(new FakeWatchedSymbols("BTCUSDT"));

        Assert.Equal(2, await poller.PollOnceAsync(_handler, cts.Token));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await poller.PollOnceAsync(_handler, cts.Token));

        var events = _handler.Liquidations.ToList();
        // 600 contracts × 0.0001 BTC = 0.06 BTC × 100 000 = 6 000 USD; a positive size is a long position.
        Assert.Equal((PositionSide.Long, 0.06m, 6_000m, "gate"), (events[0].Side, events[0].Quantity, events[0].NotionalUsd, events[0].Venue));
        Assert.Equal((PositionSide.Short, 0.02m), (events[1].Side, events[1].Quantity));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(t0 + 12), events[2].Time);
        var queries = _fake.RequestsTo(GateVenue.LiquidationsPath).Select(r => r.QueryString).ToList();
        Assert.Equal($"?contract=BTC_USDT&from={t0 - 30}&to={t0}&limit=1000", queries[0]);
        Assert.Equal($"?contract=BTC_USDT&from={t0}&to={t0 + 30}&limit=1000", queries[1]);
    }
}
