using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Tests;

/// <summary>One poller per bot across instances (the poller lock), stand-by take-over, and the 409 episode logging.</summary>
public sealed class PollerLeadershipTests
{
    private static TelegramPollingLeadership Instance(TelegramTestContext ctx, FakeLeaderLock locks, TimeProvider clock, TelegramPoller? poller = null) =>
        new(locks, poller ?? ActivatorUtilities.CreateInstance<TelegramPoller>(ctx.Services, new InMemoryTelegramOffsetStore()),
            ctx.Services.GetRequiredService<IOptions<TelegramOptions>>(), clock, ctx.Services.GetRequiredService<ILogger<TelegramPollingLeadership>>());

    [Fact(Timeout = 30_000)]
    public async Task Leadership_TwoInstances_OnePollsOtherStandsByThenTakesOverWhenHolderDies()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        using var killA = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var locks = new FakeLeaderLock();
        // The polling offset is shared through the database in production; with one store per instance B would be
        // handed A's last batch again whenever A died before its next getUpdates confirmed it.
        var database = new InMemorySharedCursorStore();
        TelegramPoller PollerOf() => ActivatorUtilities.CreateInstance<TelegramPoller>(ctx.Services, new StoredTelegramOffsetStore(database, "1"));
        var a = Instance(ctx, locks, clock, PollerOf());
        var b = Instance(ctx, locks, clock, PollerOf());

        var runA = a.RunAsync(killA.Token);
        await TestTimeouts.WaitUntilAsync(() => a.Role == TelegramPollingRole.Polling, what: "A polling");
        var runB = b.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => b.Role == TelegramPollingRole.StandingBy, what: "B standing by");
        ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));
        await TestTimeouts.WaitUntilAsync(() => ctx.Dispatcher.Requests.Count == 1, what: "A handles the first update");
        Assert.Single(ctx.Logs.Entries, e => e.Text.Contains("standing by (retrying", StringComparison.Ordinal));

        // A dies: its process is gone and the database releases its lock.
        await killA.CancelAsync();
        await runA;
        locks.Lose(a.LockName);
        var before = locks.Attempts;
        Assert.Equal(TelegramPollingRole.StandingBy, b.Role);
        clock.Advance(TimeSpan.FromSeconds(5)); // B's next retry
        await TestTimeouts.WaitUntilAsync(() => b.Role == TelegramPollingRole.Polling, what: "B takes over");
        Assert.Equal(before + 1, locks.Attempts);
        ctx.Server.AddUpdate(TgUpdates.Private("/funding ETH"));
        await TestTimeouts.WaitUntilAsync(() => ctx.Dispatcher.Requests.Count >= 2, what: "B handles the next update");
        await cts.CancelAsync();
        await runB;
        Assert.Equal(["BTC", "ETH"], ctx.Dispatcher.Requests.Select(r => r.Arguments).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task Leadership_TakeOver_ResumesAfterTheLastUpdateTheDeadHolderHandled()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        using var killA = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var locks = new FakeLeaderLock();
        var database = new InMemorySharedCursorStore(); // what both instances share
        TelegramPoller PollerOf() => ActivatorUtilities.CreateInstance<TelegramPoller>(ctx.Services, new StoredTelegramOffsetStore(database, "1"));
        var a = Instance(ctx, locks, clock, PollerOf());
        var b = Instance(ctx, locks, clock, PollerOf());

        var runA = a.RunAsync(killA.Token);
        await TestTimeouts.WaitUntilAsync(() => a.Role == TelegramPollingRole.Polling, what: "A polling");
        var runB = b.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => b.Role == TelegramPollingRole.StandingBy, what: "B standing by");
        ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));
        long? handled = null;
        await TestTimeouts.WaitUntilAsync(() => (handled = database.GetAsync("telegram-offset:1", default).GetAwaiter().GetResult()) is not null, what: "A records its offset");

        await killA.CancelAsync();
        await runA;
        locks.Lose(a.LockName);
        var callsBefore = ctx.Server.CallsTo("getUpdates").Count;
        clock.Advance(TimeSpan.FromSeconds(5));
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count > callsBefore, what: "B polls");

        // B's first call confirms what A handled: Telegram will not hand A's batch to B again.
        Assert.Equal((handled!.Value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ctx.Server.CallsTo("getUpdates")[callsBefore]["offset"]);
        await cts.CancelAsync();
        await runB;
        Assert.Single(ctx.Dispatcher.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Leadership_LockLostMidBatch_BatchFinishedThenNoFurtherPoll()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        var locks = new FakeLeaderLock();
        var release = new TaskCompletionSource();
        var inner = ctx.Dispatcher.Respond;
        ctx.Dispatcher.Respond = async (r, ct) => { await release.Task.WaitAsync(ct); return await inner(r, ct); };
        var a = Instance(ctx, locks, clock, ctx.Poller);
        ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));

        var run = a.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "dispatch");
        Assert.True(locks.Lose(a.LockName)); // the lock's connection died while the batch is being handled
        release.SetResult();
        await TestTimeouts.WaitUntilAsync(() => a.Role == TelegramPollingRole.StandingBy, what: "A standing by");

        Assert.Single(ctx.Server.CallsTo("sendMessage")); // the batch in hand was still answered
        Assert.Single(ctx.Server.CallsTo("getUpdates")); // but no new batch was fetched
        Assert.Contains(ctx.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("lost the poller lock", StringComparison.Ordinal));
        await Task.Delay(200, cts.Token);
        Assert.Single(ctx.Server.CallsTo("getUpdates"));
        await cts.CancelAsync();
        await run;
    }

    [Fact(Timeout = 30_000)]
    public async Task Leadership_StoreUnreachable_DoesNotPollUntilTheLockCanBeTaken()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        var locks = new FakeLeaderLock { Unavailable = true };
        var a = Instance(ctx, locks, clock, ctx.Poller);

        var run = a.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => locks.Attempts == 1 && clock.PendingTimers > 0, what: "first attempt");
        clock.Advance(TimeSpan.FromSeconds(5));
        await TestTimeouts.WaitUntilAsync(() => locks.Attempts == 2 && clock.PendingTimers > 0, what: "second attempt");
        Assert.Empty(ctx.Server.CallsTo("getUpdates"));
        Assert.Single(ctx.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("store unreachable", StringComparison.Ordinal));
        locks.Unavailable = false;
        clock.Advance(TimeSpan.FromSeconds(5));
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count > 0, what: "polling");
        await cts.CancelAsync();
        await run;
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_409Episode_LoggedOnceBacksOffAndLoggedAgainInTheNextEpisode()
    {
        var clock = new ManualTimeProvider();
        await using var ctx = await TelegramTestContext.StartAsync(time: clock);
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.Script("getUpdates", FakeReply.Conflict(), times: 3);
        int Conflicts() => ctx.Logs.Entries.Count(e => e.Level == LogLevel.Error && e.Text.Contains("conflict", StringComparison.OrdinalIgnoreCase));

        var run = ctx.Poller.RunAsync(cts.Token);
        // 30 s, 60 s, 120 s: three conflicts in one episode, never a tight loop, one error line.
        foreach (var (calls, wait) in new[] { (1, 30), (2, 60), (3, 120) })
        {
            await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0 && ctx.Server.CallsTo("getUpdates").Count == calls, what: $"backoff {calls}");
            clock.Advance(TimeSpan.FromSeconds(wait - 1));
            await Task.Delay(200, cts.Token);
            Assert.Equal(calls, ctx.Server.CallsTo("getUpdates").Count);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count >= 5, what: "polling again");
        Assert.Equal(1, Conflicts());
        Assert.Contains(ctx.Logs.Entries, e => e.Text.Contains("works again", StringComparison.Ordinal));

        // A new episode after polling worked is reported again, once.
        ctx.Server.Script("getUpdates", FakeReply.Conflict(), times: 2);
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0 && Conflicts() == 2, what: "second episode");
        clock.Advance(TimeSpan.FromSeconds(30));
        await TestTimeouts.WaitUntilAsync(() => clock.PendingTimers > 0 && ctx.Logs.Entries.Any(e => e.Text.Contains("conflict again", StringComparison.Ordinal)), what: "repeat in the second episode");
        Assert.Equal(2, Conflicts());
        await cts.CancelAsync();
        await run;
    }
}
