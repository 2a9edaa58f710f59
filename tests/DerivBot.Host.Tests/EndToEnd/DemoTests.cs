using DerivBot.Testing;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// <c>demo</c>: the real worker (Quartz jobs, SQLite store, signals, outbox, console transport) on the replay scenario's
/// accelerated clock. Six hours of market time at 3000× is about seven real seconds; the real-time budget is generous.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DemoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<AppRun> DemoAsync(params string[] extraArgs)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Demo:MaxRealTime"] = "00:00:20",
            ["Demo:ReplayWindow"] = "06:00:00",
            ["Venues:Replay:Speed"] = "3000",
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await AppRun.RunAsync(["demo", .. extraArgs], _temp, overrides, cts.Token);
    }

    private string[] Pngs => Directory.Exists(_temp.File("out")) ? Directory.GetFiles(_temp.File("out"), "*.png") : [];

    [Fact(Timeout = 240_000)]
    public async Task Demo_English_SetsUpTheChatRunsTheWorkerAndPostsScheduledMessages()
    {
        var run = await DemoAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("   at ", run.Out, StringComparison.Ordinal);
        // Setup replies: the commands an admin types, each echoed and answered.
        Assert.Contains(">>> /lang en", run.Out, StringComparison.Ordinal);
        Assert.Contains(">>> /subscribe BTC quadrant every 4h", run.Out, StringComparison.Ordinal);
        Assert.Contains(">>> /subs", run.Out, StringComparison.Ordinal);
        Assert.Contains("the worker runs", run.Out, StringComparison.Ordinal);
        // At least one message the worker posted on its own (a digest or an alert), with the console header.
        var banner = run.Out.IndexOf("the worker runs", StringComparison.Ordinal);
        Assert.Contains("──── demo-study-group", run.Out[banner..], StringComparison.Ordinal);
        Assert.Contains("demo finished", run.Out, StringComparison.Ordinal);
        // Mid-cascade a member compares venues: five rows, the aggregate, and the chart.
        var compare = run.Out.IndexOf("during the cascade, a member compares venues", StringComparison.Ordinal);
        Assert.True(compare > banner, run.ToString());
        Assert.Contains(">>> /venues BTC", run.Out[compare..], StringComparison.Ordinal);
        Assert.Contains("Sources: Binance · ", run.Out[compare..], StringComparison.Ordinal);
        Assert.Contains("-venues.png]", run.Out[compare..], StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 scheduled message(s) posted", run.Out, StringComparison.Ordinal);
        // The cascade's liq5m alert names the venues its merged total came from (the shipped Bybit/OKX events, issue #11).
        var alert = run.Out.IndexOf("🔔 ETHUSDT · liquidations in 5 min", banner, StringComparison.Ordinal);
        Assert.True(alert > banner, run.ToString());
        var alertText = run.Out[alert..run.Out.IndexOf("→ Details", alert, StringComparison.Ordinal)];
        Assert.Matches(@"Now: \$[0-9.]+[KM] in 5 min — ", alertText);
        Assert.Matches(@"(?i)binance \$[0-9.]+[KM]", alertText); // the replay's primary stream ("Replay:binance")
        Assert.Matches(@"Bybit \$[0-9.]+[KM]", alertText);
        Assert.Matches(@"OKX \$[0-9.]+[KM]", alertText);
        Assert.NotEmpty(Pngs);
    }

    [Fact(Timeout = 240_000)]
    public async Task Demo_TraditionalChinese_TheWholeChatReadsInTraditionalChinese()
    {
        var run = await DemoAsync("--lang", "zh-TW");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(">>> /lang zh-TW", run.Out, StringComparison.Ordinal);
        Assert.Contains(">>> /tz Asia/Taipei", run.Out, StringComparison.Ordinal);
        Assert.Contains("──── demo-study-group", run.Out, StringComparison.Ordinal);
        var afterBanner = run.Out[run.Out.IndexOf("the worker runs", StringComparison.Ordinal)..];
        Assert.True(AppRun.HasHan(afterBanner), run.ToString());
        // Traditional forms, not Simplified: 資金費率 / 未平倉 rather than 资金费率 / 未平仓.
        Assert.Contains("資金費率", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("资金费率", run.Out, StringComparison.Ordinal);
        Assert.Contains("BTC · 各交易所", run.Out, StringComparison.Ordinal);
        Assert.NotEmpty(Pngs);
    }
}
