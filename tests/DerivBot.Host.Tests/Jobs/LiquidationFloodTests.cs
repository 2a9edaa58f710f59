using System.Diagnostics;
using System.Globalization;
using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Cli;
using DerivBot.Host.Tests.EndToEnd;
using DerivBot.Storage;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DerivBot.Host.Tests.Jobs;

/// <summary>
/// A liquidation flood through the real path: loopback Binance stream → Binance adapter → market store → the bounded
/// liquidation queue → alert engine → SQLite outbox. 10,000 <c>forceOrder</c> events per second for 10 s over 50 symbols:
/// every event's notional lands in the 5-minute totals, evaluations are coalesced per symbol (never more than
/// <see cref="LiquidationAlertQueue.Capacity"/> waiting), managed memory stays bounded, and the liq5m alert fires once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiquidationFloodTests(ITestOutputHelper output) : IDisposable
{
    private const int PerSecond = 10_000;
    private const int Seconds = 10;
    private const int Symbols = 50;

    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact(Timeout = 240_000)]
    public async Task Flood_TenThousandPerSecondForTenSeconds_BoundedMemoryAndAlertFires()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        var sent = 0;
        var flood = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        binance.EnqueueStream(async connection =>
        {
            var sw = Stopwatch.StartNew();
            for (var second = 0; second < Seconds; second++)
            {
                for (var i = 0; i < PerSecond; i++)
                {
                    // BTCUSDT gets every 50th event, ~1.6 BTC each at 60,000: ~$20M over the flood, far above the $1M rule.
                    var symbol = i % Symbols == 0 ? "BTCUSDT" : "SYM" + (i % Symbols).ToString(CultureInfo.InvariantCulture) + "USDT";
                    var ms = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    // Distinct events: the store counts an exact repeat (venue, time, side, price, size) once, as a reconnect replay.
                    var price = (60000m + i * 0.0001m).ToString("0.0000", CultureInfo.InvariantCulture);
                    await connection.SendAsync("{\"stream\":\"!forceOrder@arr\",\"data\":{\"e\":\"forceOrder\",\"E\":" + ms + ",\"o\":{\"s\":\"" + symbol
                        + "\",\"S\":\"SELL\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"1.600\",\"p\":\"" + price + "\",\"ap\":\"" + price + "\",\"X\":\"FILLED\",\"l\":\"1.600\",\"z\":\"1.600\",\"T\":" + ms + "}}}");
                    sent++;
                }
                var due = TimeSpan.FromSeconds(second + 1) - sw.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, connection.Aborted);
                }
            }
            output.WriteLine($"flood: {sent} events in {sw.Elapsed.TotalSeconds:F1} s = {sent / sw.Elapsed.TotalSeconds:F0}/s");
            flood.TrySetResult();
            await connection.WaitUntilClientGoneAsync();
        });

        var overrides = AppRun.WithTemp(_temp, new Dictionary<string, string?>
        {
            ["Venues:Mode"] = "Live",
            ["Venues:Binance:FuturesRestUrl"] = binance.RestUrl,
            ["Venues:Binance:SpotRestUrl"] = binance.RestUrl,
            ["Venues:Binance:FuturesStreamUrl"] = binance.StreamUrl,
        });
        using var host = DerivBotApp.CreateBuilder(CommandLine.Parse(["run"]), overrides).Build();
        var chat = new ChatAddress(ChatPlatform.Telegram, "77");
        var alerts = host.Services.GetServices<ICommandHandler>().OfType<AlertCommandHandler>().Single();
        var created = await alerts.HandleAsync(new CommandRequest(chat, ChatKind.Private, "u", Language.En, "alert", "btc liq > 1m",
            _ => Task.FromResult(true), TimeProvider.System.GetUtcNow()), default);
        Assert.Equal(ReportKind.Alerts, created.Replies[0].Report.Kind);

        var queue = host.Services.GetRequiredService<LiquidationAlertQueue>();
        var hosted = host.Services.GetServices<IHostedService>().ToList();
        var stream = hosted.OfType<MarketStreamService>().Single();
        var consumer = hosted.OfType<LiquidationAlertQueue>().Single();
        Assert.Same(queue, consumer);
        Assert.Contains(host.Services.GetServices<ILiquidationListener>(), l => ReferenceEquals(l, queue));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var maxWaiting = 0;
        await consumer.StartAsync(default);
        await stream.StartAsync(default);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            while (!flood.Task.IsCompleted || queue.Received < sent)
            {
                cts.Token.ThrowIfCancellationRequested();
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                maxWaiting = Math.Max(maxWaiting, queue.Waiting);
                await Task.Delay(50, cts.Token);
            }
            await TestTimeouts.WaitUntilAsync(() => queue.Waiting == 0, TimeSpan.FromSeconds(60), "the queue to drain");
        }
        finally
        {
            await stream.StopAsync(default);
            await consumer.StopAsync(default);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"received {queue.Received}, evaluations {queue.Evaluations}, dropped evaluations {queue.DroppedEvaluations}, max waiting {maxWaiting}; " +
            $"managed memory: baseline {baseline / 1_048_576.0:F1} MB, peak {peak / 1_048_576.0:F1} MB, after {after / 1_048_576.0:F1} MB");
        Assert.Equal(PerSecond * Seconds, queue.Received);
        Assert.InRange(maxWaiting, 0, LiquidationAlertQueue.Capacity);
        // Only BTCUSDT has a rule; its evaluations are coalesced (one waiting at a time), far fewer than its 2,000 events.
        Assert.InRange(queue.Evaluations, 1, PerSecond * Seconds / Symbols);
        Assert.Equal(0, queue.DroppedEvaluations);
        // Retained memory after the flood is bounded by per-second totals and the store's per-symbol caps, not by event count.
        Assert.InRange(after - baseline, long.MinValue, 64L * 1024 * 1024);
        Assert.InRange(peak - baseline, long.MinValue, 256L * 1024 * 1024);

        // The alert fired (once: it disarms until the condition clears).
        var store = host.Services.GetRequiredService<SqliteStore>();
        var fired = await store.ClaimChatHeadsAsync(ChatPlatform.Telegram, "test", TimeProvider.System.GetUtcNow().AddMinutes(1), TimeSpan.FromSeconds(30), 10, default);
        var alert = Assert.Single(fired);
        Assert.Equal(chat, alert.Chat);
        Assert.Equal(OutboxKind.Alert, alert.Kind);
        Assert.Contains("BTCUSDT", alert.Message.Report.Title, StringComparison.Ordinal);
    }
}
