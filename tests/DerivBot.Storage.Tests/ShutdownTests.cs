using System.Collections.Concurrent;
using DerivBot.Application;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Stopping the host (what SIGTERM does) lets the sends in flight finish and records them, bounded by
/// <c>HostOptions.ShutdownTimeout</c>; nothing new is claimed, and the rest stays in the outbox for the next start.
/// </summary>
public sealed class ShutdownTests
{
    private const int Messages = 20;
    private const int MaxInFlight = 4;

    [Fact(Timeout = 120_000)]
    public async Task Stop_SendsInFlight_FinishAndAreRecordedRestStaysPendingForNextStart()
    {
        using var dir = new TempDirectory();
        var sender = new GatedSender();
        using (var host = await StartAsync(dir.File("stop.db"), sender, TimeSpan.FromSeconds(30)))
        {
            await EnqueueAsync(host);
            await TestTimeouts.WaitUntilAsync(() => sender.Started >= MaxInFlight, TimeSpan.FromSeconds(30), "the drainer to fill its slots");

            var stopping = host.StopAsync();
            // Stopping waits for the sends in flight (they are not cancelled before the shutdown timeout).
            await Task.Delay(300);
            Assert.False(stopping.IsCompleted, "the host stopped while sends were in flight");
            sender.Release();
            await stopping;

            Assert.Equal(MaxInFlight, sender.Delivered.Count);
            Assert.Equal(MaxInFlight, sender.Started);
            var stats = await host.Services.GetRequiredService<IOutboxStore>().GetStatsAsync(default);
            Assert.Equal(new OutboxStats(Messages - MaxInFlight, MaxInFlight, 0), stats);
        }
        SqliteConnection.ClearAllPools();

        // The next start sends the rest; nobody gets a message twice.
        var next = new GatedSender();
        next.Release();
        using (var host = await StartAsync(dir.File("stop.db"), next, TimeSpan.FromSeconds(30)))
        {
            await TestTimeouts.WaitUntilAsync(() => next.Delivered.Count >= Messages - MaxInFlight, TimeSpan.FromSeconds(60), "the rest to be sent");
            await host.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(Messages, sender.Delivered.Keys.Concat(next.Delivered.Keys).Distinct().Count());
        Assert.Empty(sender.Delivered.Keys.Intersect(next.Delivered.Keys));
    }

    [Fact(Timeout = 120_000)]
    public async Task Stop_SendsOutliveShutdownTimeout_AbandonedAndKeptPending()
    {
        using var dir = new TempDirectory();
        var sender = new GatedSender();
        using (var host = await StartAsync(dir.File("timeout.db"), sender, TimeSpan.FromMilliseconds(500)))
        {
            await EnqueueAsync(host);
            await TestTimeouts.WaitUntilAsync(() => sender.Started >= MaxInFlight, TimeSpan.FromSeconds(30), "the drainer to fill its slots");

            await host.StopAsync(); // the sends never finish: the shutdown timeout cancels them

            await TestTimeouts.WaitUntilAsync(() => sender.Cancelled == MaxInFlight, TimeSpan.FromSeconds(10), "the abandoned sends to be cancelled");
            Assert.Empty(sender.Delivered);
            var stats = await host.Services.GetRequiredService<IOutboxStore>().GetStatsAsync(default);
            Assert.Equal(new OutboxStats(Messages, 0, 0), stats);
        }
        SqliteConnection.ClearAllPools();
    }

    private static async Task EnqueueAsync(IHost host)
    {
        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        for (var i = 0; i < Messages; i++)
        {
            var chat = World.Telegram(i);
            await outbox.EnqueueAsync(new OutboxDraft(chat, OutboxKind.Alert, "stop:" + i, new OutboundMessage(new Report(ReportKind.Info, "m" + i, []))), TimeProvider.System.GetUtcNow(), default);
        }
        host.Services.GetRequiredService<IOutboxSignal>().Notify();
    }

    private static async Task<IHost> StartAsync(string databaseFile, IChatSender sender, TimeSpan shutdownTimeout)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "Data Source=" + databaseFile,
            ["Jobs:OutboxPollInterval"] = "00:00:00.200",
            ["Outbox:MaxInFlight"] = MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        builder.Services.AddSingleton<IMarketData>(sp => new FakeMarketData(TimeProvider.System) { VenueName = "fake" });
        builder.Services.AddSingleton<ICommandDispatcher>(_ => World.NewDispatcher());
        builder.Services.AddSingleton(sender);
        builder.Services.AddSqliteStorage(config).AddSubscriptions(config);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Every send waits until <see cref="Release"/>; a cancelled send counts as abandoned.</summary>
    private sealed class GatedSender : IChatSender
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        private int _cancelled;

        public ChatPlatform Platform => ChatPlatform.Telegram;

        public ConcurrentDictionary<string, int> Delivered { get; } = new();

        public int Started => Volatile.Read(ref _started);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public void Release() => _gate.TrySetResult();

        public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            try
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            Delivered.AddOrUpdate(to.ChatId, 1, (_, n) => n + 1);
            return SendResult.Ok();
        }
    }
}
