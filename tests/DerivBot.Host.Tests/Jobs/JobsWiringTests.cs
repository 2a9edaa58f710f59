using DerivBot.Application;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Jobs;
using DerivBot.Storage;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Tests.Jobs;

/// <summary>The real host wiring (AddSqliteStorage + AddSubscriptions + AddJobs) with Quartz on short intervals.</summary>
public sealed class JobsWiringTests
{
    [Fact(Timeout = 120_000)]
    public async Task Host_RunsRefreshJobAndDeliversDueDigestThroughOutbox()
    {
        using var dir = new TempDirectory();
        var refresher = new CountingRefresher();
        var sender = new RecordingChatSender(ChatPlatform.Telegram);
        using var host = BuildHost(dir.File("host.db"), refresher, sender);
        await host.StartAsync();
        try
        {
            // A subscription command goes through the real handler and moves the Quartz digest trigger.
            var handler = host.Services.GetServices<ICommandHandler>().OfType<SubscriptionCommandHandler>().Single();
            var chat = new ChatAddress(ChatPlatform.Telegram, "42");
            var reply = await handler.HandleAsync(new CommandRequest(chat, ChatKind.Private, "u", Core.Localization.Language.En, "subscribe", "btc quadrant every 4h",
                _ => Task.FromResult(true), DateTimeOffset.UnixEpoch), default);
            Assert.Equal(ReportKind.Subscriptions, reply.Replies[0].Report.Kind);
            await TestTimeouts.WaitUntilAsync(() => refresher.Refreshes >= 2 && refresher.Watched.Contains(new Symbol("BTCUSDT")), TimeSpan.FromSeconds(60), "two refresh cycles watching BTCUSDT");

            // Make it due now: the notifier pulls the digest trigger forward and the drainer delivers.
            var store = host.Services.GetRequiredService<ISubscriptionStore>();
            var subscription = Assert.Single(await store.ListSubscriptionsAsync(chat, default));
            await store.PostponeAsync(subscription.Id, TimeProvider.System.GetUtcNow().AddSeconds(-1), default);
            await host.Services.GetRequiredService<IScheduleNotifier>().SchedulesChangedAsync(default);
            await TestTimeouts.WaitUntilAsync(() => !sender.Sent.IsEmpty, TimeSpan.FromSeconds(60), "the digest to be delivered");
            var (to, message) = Assert.Single(sender.Sent);
            Assert.Equal(chat, to);
            Assert.Equal("BTCUSDT quadrant", message.Report.Title);
            Assert.True((await store.GetEarliestDueAsync(default))!.Value > TimeProvider.System.GetUtcNow());
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task RefreshJob_DigestTriggerLost_DeliversOverdueDigestAnyway()
    {
        using var dir = new TempDirectory();
        var sender = new RecordingChatSender(ChatPlatform.Telegram);
        using var host = BuildHost(dir.File("lost.db"), new CountingRefresher(), sender);
        await host.StartAsync();
        try
        {
            var handler = host.Services.GetServices<ICommandHandler>().OfType<SubscriptionCommandHandler>().Single();
            var chat = new ChatAddress(ChatPlatform.Telegram, "7");
            await handler.HandleAsync(new CommandRequest(chat, ChatKind.Private, "u", Core.Localization.Language.En, "subscribe", "btc quadrant every 4h",
                _ => Task.FromResult(true), DateTimeOffset.UnixEpoch), default);
            var store = host.Services.GetRequiredService<ISubscriptionStore>();
            var subscription = Assert.Single(await store.ListSubscriptionsAsync(chat, default));

            // The digest is overdue and its trigger is gone, as if Quartz had dropped it.
            var scheduler = await host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
            await scheduler.UnscheduleJob(DigestJob.TriggerKey);
            await store.PostponeAsync(subscription.Id, TimeProvider.System.GetUtcNow().AddSeconds(-30), default);

            await TestTimeouts.WaitUntilAsync(() => !sender.Sent.IsEmpty, TimeSpan.FromSeconds(60), "the overdue digest to be delivered");
            Assert.Equal(chat, Assert.Single(sender.Sent).Item1);
            Assert.NotNull(await scheduler.GetTrigger(DigestJob.TriggerKey)); // re-armed for the next slot
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The real AddSqliteStorage + AddSubscriptions + AddJobs wiring with Quartz on 200 ms cadences and fakes at the edges.</summary>
    private static IHost BuildHost(string databaseFile, IMarketRefresher refresher, IChatSender sender)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "Data Source=" + databaseFile,
            ["Jobs:RefreshInterval"] = "00:00:00.200",
            ["Jobs:OutboxPollInterval"] = "00:00:00.200",
        }).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IMarketData>(new FakeMarketData(TimeProvider.System, "BTCUSDT") { VenueName = "fake" });
        builder.Services.AddSingleton<ICommandDispatcher>(new FakeCommandDispatcher(FakeCommandDispatcher.DigestQueries, (r, _) =>
            Task.FromResult(CommandResult.Of(new Report(ReportKind.Quadrant, r.Arguments + " " + r.Command, [])))));
        builder.Services.AddSingleton(refresher);
        builder.Services.AddSingleton(sender);
        builder.Services.AddSqliteStorage(config).AddSubscriptions(config).AddJobs(config);
        return builder.Build();
    }

    [Fact]
    public void Options_InvalidJobsSection_FailsWithKeyName()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:RefreshInterval"] = "00:00:00" }).Build();
        var services = new ServiceCollection().AddSubscriptions(config).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<JobsOptions>>().Value);
        Assert.Contains("Jobs:RefreshInterval", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CountingRefresher : IMarketRefresher
    {
        private volatile IReadOnlyCollection<Symbol> _watched = [];
        private int _refreshes;

        public int Refreshes => Volatile.Read(ref _refreshes);
        public IReadOnlyCollection<Symbol> Watched => _watched;
        public string VenueName => "fake";
        public void Watch(IReadOnlyCollection<Symbol> symbols) => _watched = symbols;

        public Task RefreshAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _refreshes);
            return Task.CompletedTask;
        }
    }
}
