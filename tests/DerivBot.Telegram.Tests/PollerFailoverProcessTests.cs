using System.Diagnostics;
using DerivBot.Storage.Postgres;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DerivBot.Telegram.Tests;

/// <summary>
/// The poller lock across real processes on a throwaway PostgreSQL: a bot process (tests/DerivBot.Telegram.Harness,
/// the production AddTelegram with the PostgreSQL lock) polls; this test is the stand-by instance. SIGKILL the process:
/// the server ends its session, the lock goes with it, and the stand-by polls within seconds.
/// </summary>
public sealed class PollerFailoverProcessTests(ITestOutputHelper output)
{
    [PostgresFact(Timeout = 120_000)]
    public async Task PollerLock_HolderProcessSigkilled_StandbyTakesOverWithinSeconds()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var connectionString = await PostgresCluster.CreateDatabaseAsync(cts.Token);
        await using var ctx = await TelegramTestContext.StartAsync(o => o.PollerLockRetryInterval = TimeSpan.FromSeconds(1));
        await using var locks = new PostgresLeaderLock(Options.Create(new PostgresStorageOptions { ConnectionString = connectionString }),
            Options.Create(new PostgresLeaderLockOptions { LeaderLockCheckInterval = TimeSpan.FromSeconds(1) }), TimeProvider.System, NullLogger<PostgresLeaderLock>.Instance);
        var standby = new TelegramPollingLeadership(locks, ctx.Poller, ctx.Services.GetRequiredService<IOptions<TelegramOptions>>(),
            TimeProvider.System, ctx.Services.GetRequiredService<ILogger<TelegramPollingLeadership>>());

        using var holder = StartHarness(connectionString, ctx.Server.ApiBaseUrl);
        try
        {
            await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count > 0, TimeSpan.FromSeconds(60), "the bot process to poll");
            await using (var probe = await locks.TryAcquireAsync(standby.LockName, cts.Token))
            {
                Assert.Null(probe); // the process holds the poller lock
            }
            var run = standby.RunAsync(cts.Token);
            await TestTimeouts.WaitUntilAsync(() => standby.Role == TelegramPollingRole.StandingBy, what: "this instance standing by");

            ctx.Server.AddUpdate(TgUpdates.Private("/funding BTC"));
            await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("sendMessage").Any(c => c["text"]?.Contains("echo BTC", StringComparison.Ordinal) == true), what: "the process to answer");
            await TestTimeouts.WaitUntilAsync(() => ctx.Server.UnconfirmedUpdates == 0, what: "the process to confirm the update");
            Assert.Empty(ctx.Dispatcher.Requests); // the stand-by did not poll

            var killedAt = Stopwatch.StartNew();
            holder.Kill(); // SIGKILL: no shutdown code runs, the socket to PostgreSQL is closed by the kernel
            await holder.WaitForExitAsync(cts.Token);
            await TestTimeouts.WaitUntilAsync(() => standby.Role == TelegramPollingRole.Polling, TimeSpan.FromSeconds(30), "the stand-by to take over");
            var takeover = killedAt.Elapsed;
            output.WriteLine($"take-over after SIGKILL: {takeover.TotalSeconds:F1} s (retry interval 1 s)");
            Assert.True(takeover < TimeSpan.FromSeconds(15), $"take-over took {takeover}");

            ctx.Server.AddUpdate(TgUpdates.Private("/funding ETH"));
            await TestTimeouts.WaitUntilAsync(() => !ctx.Dispatcher.Requests.IsEmpty, what: "the new poller to handle the next update");
            Assert.Equal("ETH", Assert.Single(ctx.Dispatcher.Requests).Arguments);
            await cts.CancelAsync();
            await run;
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    private static Process StartHarness(string connectionString, Uri apiBaseUrl)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DerivBot.Telegram.Harness.dll"));
        info.ArgumentList.Add(connectionString);
        info.ArgumentList.Add(apiBaseUrl.ToString());
        info.Environment["Telegram__BotToken"] = FakeTelegramServer.Token;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the bot process");
        // Drain the pipes so the child never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
