using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary><c>ask "/options BTC"</c> through the composed host: the replay scenario, a loopback Deribit, and Deribit down.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AskOptionsTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Fields =
        ["asset", "venue", "underlyingPrice", "putCallOiRatio", "putCallVolumeRatio", "callOiShare", "expiries", "maxPain", "reading", "reason", "dataTime", "stale"];

    private static readonly string[] ExpiryFields = ["expiry", "putCallOiRatio", "putCallVolumeRatio", "callOi", "putOi", "maxPain", "atmIv"];

    private readonly TempDirectory _temp = new();
    private FakeBinanceServer _binance = null!;
    private FakeDeribitServer _deribit = null!;

    public async Task InitializeAsync()
    {
        _binance = await FakeBinanceServer.StartAsync();
        _deribit = await FakeDeribitServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _deribit.DisposeAsync();
        await _binance.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string?> Live(string? deribitUrl = null) => new()
    {
        ["Venues:Mode"] = "Live",
        ["Venues:Binance:FuturesRestUrl"] = _binance.RestUrl,
        ["Venues:Binance:SpotRestUrl"] = _binance.RestUrl,
        ["Venues:Binance:FuturesStreamUrl"] = _binance.StreamUrl,
        ["Venues:Deribit:RestUrl"] = deribitUrl ?? _deribit.RestUrl,
    };

    [Fact(Timeout = 120_000)]
    public async Task AskOptionsJson_Replay_ExactFieldsFromTheRecentredChain()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = await AppRun.RunAsync(["ask", "/options BTC", "--replay", "--json"], _temp, cancellationToken: cts.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(Fields, json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("BTC", json.GetProperty("asset").GetString());
        Assert.Equal("replay:deribit", json.GetProperty("venue").GetString());
        Assert.Contains(json.GetProperty("reading").GetString(), new[] { "CallHeavy", "PutHeavy", "Balanced" });
        Assert.StartsWith("options.", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(json.GetProperty("stale").GetBoolean());
        Assert.InRange(json.GetProperty("underlyingPrice").GetDecimal(), 100_000m, 125_000m);
        var callShare = json.GetProperty("callOiShare").GetDecimal();
        var ratio = json.GetProperty("putCallOiRatio").GetDecimal();
        Assert.Equal(Math.Round(1m / (1m + ratio), 4), Math.Round(callShare, 4));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("maxPain").ValueKind);

        var expiries = json.GetProperty("expiries").EnumerateArray().ToList();
        Assert.True(expiries.Count >= 8, run.Out);
        foreach (var e in expiries)
        {
            Assert.Equal(ExpiryFields, e.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Matches("^\\d{4}-\\d{2}-\\d{2}$", e.GetProperty("expiry").GetString()!);
        }
        // The nearest monthly (2025-10-31, the last Friday of October) carries the headline max pain.
        var monthly = expiries.Single(e => e.GetProperty("expiry").GetString() == "2025-10-31");
        Assert.Equal(json.GetProperty("maxPain").GetDecimal(), monthly.GetProperty("maxPain").GetDecimal());
        // ATM IV is a fraction, not a percent.
        Assert.InRange(monthly.GetProperty("atmIv").GetDecimal(), 0.1m, 5m);
    }

    [Fact(Timeout = 120_000)]
    public async Task AskOptionsText_Replay_ReportAndStrikeImageInChinese()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = await AppRun.RunAsync(["ask", "/pcr BTC", "--replay", "--lang", "zh-CN"], _temp, cancellationToken: cts.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("最大痛点", run.Out, StringComparison.Ordinal);
        var png = Assert.Single(Directory.GetFiles(_temp.File("out"), "*options*.png"));
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact(Timeout = 60_000)]
    public async Task AskOptionsJson_LiveDeribit_HandComputedFromTheChain()
    {
        // Expiries years ahead of the real clock: 27 Dec 2030 is the last Friday of December (a monthly).
        var now = TimeProvider.System.GetUtcNow();
        _deribit.BtcChainOverride = FakeDeribitServer.Envelope(now,
            """{"instrument_name":"BTC-27DEC30-90000-C","open_interest":10,"volume":2,"mark_iv":50,"underlying_price":100000,"estimated_delivery_price":100000}""",
            """{"instrument_name":"BTC-27DEC30-100000-C","open_interest":20,"volume":null,"mark_iv":48,"underlying_price":100000,"estimated_delivery_price":100000}""",
            """{"instrument_name":"BTC-27DEC30-90000-P","open_interest":30,"volume":3,"mark_iv":null,"underlying_price":100000,"estimated_delivery_price":100000}""",
            """{"instrument_name":"BTC-27DEC30-100000-P","open_interest":10,"volume":1,"mark_iv":52,"underlying_price":100000,"estimated_delivery_price":100000}""");
        using var cts = TestTimeouts.NetworkToken();
        var run = await AppRun.RunAsync(["ask", "/options BTC", "--json"], _temp, Live(), cts.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("deribit", json.GetProperty("venue").GetString());
        Assert.Equal(Math.Round(40m / 30m, 6), json.GetProperty("putCallOiRatio").GetDecimal());
        Assert.Equal(2m, json.GetProperty("putCallVolumeRatio").GetDecimal());
        // Pain at 90k = 10 puts × 10k = 100k; at 100k = 10 calls × 10k = 100k: the tie goes to the lower strike.
        Assert.Equal(90_000m, json.GetProperty("maxPain").GetDecimal());
        Assert.Equal("PutHeavy", json.GetProperty("reading").GetString());
        Assert.Equal("options.put_heavy", json.GetProperty("reason").GetString());
        var expiry = Assert.Single(json.GetProperty("expiries").EnumerateArray());
        Assert.Equal("2030-12-27", expiry.GetProperty("expiry").GetString());
        Assert.Equal(30m, expiry.GetProperty("callOi").GetDecimal());
        Assert.Equal(40m, expiry.GetProperty("putOi").GetDecimal());
        // At the money (100k): call 0.48 and put 0.52 average to 0.50.
        Assert.Equal(0.5m, expiry.GetProperty("atmIv").GetDecimal());
    }

    [Fact(Timeout = 90_000)]
    public async Task AskOptions_DeribitUnreachable_OneLineNamingItNonZeroExit()
    {
        using var cts = TestTimeouts.NetworkToken();
        var run = await AppRun.RunAsync(["ask", "/options BTC"], _temp, Live($"http://127.0.0.1:{FreePort()}/api/v2"), cts.Token);

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.ErrLines.Count == 1, "exactly one line on stderr\n" + run);
        Assert.Contains("Deribit", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task AskSignal_DeribitUnreachable_DashboardStillAnswersWithAnOptionsLine()
    {
        using var cts = TestTimeouts.NetworkToken();
        var run = await AppRun.RunAsync(["ask", "/signal BTC"], _temp, Live($"http://127.0.0.1:{FreePort()}/api/v2"), cts.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Options (Deribit)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Deribit did not answer", run.Out, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
