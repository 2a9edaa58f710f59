using System.Collections.Concurrent;
using System.Diagnostics;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Markets;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage.Tests;

/// <summary>
/// A worker PROCESS broadcasting 1,000 digests through the outbox to a loopback HTTP sink is killed mid-broadcast and
/// restarted on the same database: every chat gets its message, and at most the messages in flight
/// (<c>Outbox:MaxInFlight</c>) are delivered twice.
/// </summary>
public sealed class CrashRestartTests
{
    private const int Chats = 1000;

    [Theory(Timeout = 300_000)]
    [InlineData(1)]
    [InlineData(8)]
    public async Task Broadcast_KilledMidwayAndRestarted_EveryChatOnceBarTheInFlight(int maxInFlight)
    {
        using var dir = new TempDirectory();
        var dbPath = dir.File("crash.db");
        var fireTime = new DateTimeOffset(2025, 10, 10, 4, 0, 0, TimeSpan.Zero);
        var setupClock = new ManualTimeProvider(fireTime.AddHours(-1));
        using (var database = SqliteDatabase.ForFile(dbPath))
        {
            var store = new SqliteStore(database, setupClock);
            for (var i = 0; i < Chats; i++)
            {
                await store.AddSubscriptionsAsync(World.Telegram(i),
                    [new NewSubscription(new Symbol(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT"), DigestKind.Quadrant, DigestSchedule.Every(TimeSpan.FromHours(4)), fireTime)], 50, default);
            }
        }
        SqliteConnection.ClearAllPools();

        var deliveries = new ConcurrentDictionary<string, int>();
        await using var sink = await LoopbackServer.StartAsync(app => app.MapPost("/send/{chat}", async (string chat, HttpContext ctx) =>
        {
            // Slow enough that the kill lands mid-broadcast on any machine, with several requests open at once.
            await Task.Delay(maxInFlight == 1 ? 2 : 15, ctx.RequestAborted);
            deliveries.AddOrUpdate(chat, 1, (_, n) => n + 1);
            return Results.Ok();
        }));

        var args = new[] { dbPath, sink.BaseAddress.ToString(), (fireTime.ToUnixTimeSeconds() + 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using (var first = StartWorker(args))
        {
            await TestTimeouts.WaitUntilAsync(() => deliveries.Count >= 200 || first.HasExited, TimeSpan.FromSeconds(120), "the first worker to deliver 200 messages");
            Assert.False(first.HasExited, "the worker finished before it could be killed; the sink is too fast for this test");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var beforeRestart = deliveries.Values.Sum();
        Assert.InRange(beforeRestart, 200, Chats - 1);

        using (var second = StartWorker(args))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            await second.WaitForExitAsync(cts.Token);
            Assert.Equal(0, second.ExitCode);
        }

        Assert.Equal(Chats, deliveries.Count);
        var total = deliveries.Values.Sum();
        Assert.InRange(total, Chats, Chats + maxInFlight);
        Assert.True(deliveries.Values.All(n => n is 1 or 2));
        using (var database = SqliteDatabase.ForFile(dbPath))
        {
            var stats = await new SqliteStore(database, setupClock).GetStatsAsync(default);
            Assert.Equal(new Application.Outbox.OutboxStats(0, Chats, 0), stats);
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact(Timeout = 300_000)]
    public async Task Broadcast_SigtermMidway_InFlightFinishAndAreRecordedRestSentAfterRestart()
    {
        const int chats = 300;
        using var dir = new TempDirectory();
        var dbPath = dir.File("sigterm.db");
        var fireTime = new DateTimeOffset(2025, 10, 10, 4, 0, 0, TimeSpan.Zero);
        var setupClock = new ManualTimeProvider(fireTime.AddHours(-1));
        using (var database = SqliteDatabase.ForFile(dbPath))
        {
            var store = new SqliteStore(database, setupClock);
            for (var i = 0; i < chats; i++)
            {
                await store.AddSubscriptionsAsync(World.Telegram(i),
                    [new NewSubscription(new Symbol("BTCUSDT"), DigestKind.Quadrant, DigestSchedule.Every(TimeSpan.FromHours(4)), fireTime)], 50, default);
            }
        }
        SqliteConnection.ClearAllPools();

        var deliveries = new ConcurrentDictionary<string, int>();
        await using var sink = await LoopbackServer.StartAsync(app => app.MapPost("/send/{chat}", async (string chat, HttpContext ctx) =>
        {
            // A slow platform: every send is still in flight for a while when SIGTERM arrives.
            await Task.Delay(300, ctx.RequestAborted);
            deliveries.AddOrUpdate(chat, 1, (_, n) => n + 1);
            return Results.Ok();
        }));
        var now = (fireTime.ToUnixTimeSeconds() + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using (var worker = StartWorker([dbPath, sink.BaseAddress.ToString(), now, "8", "serve"]))
        {
            await TestTimeouts.WaitUntilAsync(() => deliveries.Count >= 40 || worker.HasExited, TimeSpan.FromSeconds(120), "the served worker to deliver 40 messages");
            Assert.False(worker.HasExited, "the worker exited on its own");
            using (var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await worker.WaitForExitAsync(cts.Token);
            Assert.Equal(0, worker.ExitCode);
        }
        var delivered = deliveries.Values.Sum();
        Assert.InRange(delivered, 40, chats - 1);
        using (var database = SqliteDatabase.ForFile(dbPath))
        {
            // Every message the platform accepted before exit was recorded as sent (none abandoned), the rest wait.
            var stats = await new SqliteStore(database, setupClock).GetStatsAsync(default);
            Assert.Equal(new Application.Outbox.OutboxStats(chats - delivered, delivered, 0), stats);
        }
        SqliteConnection.ClearAllPools();

        using (var second = StartWorker([dbPath, sink.BaseAddress.ToString(), now, "8"]))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            await second.WaitForExitAsync(cts.Token);
            Assert.Equal(0, second.ExitCode);
        }
        Assert.Equal(chats, deliveries.Count);
        Assert.All(deliveries.Values, n => Assert.Equal(1, n));
        SqliteConnection.ClearAllPools();
    }

    private static Process StartWorker(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DerivBot.Subscriptions.Harness.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker");
        // Drain the pipes so the child never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
