using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DerivBot.Storage.Tests;

/// <summary>
/// Two worker PROCESSES on one throwaway PostgreSQL database, each composed as the host composes it (AddStorage with
/// Storage:Provider=Postgres, AddSubscriptions, AddJobs: Quartz clustered, outbox claims with a lease) with a market
/// that is always fresh and a sender posting to a loopback sink (see the harness's ClusterWorker.cs). Cases: migrating
/// from both at once and 500 digests delivered exactly once in the round; one worker SIGKILLed mid-fan-out and the
/// other finishing the round (nothing lost, duplicates at most the killed one's in-flight messages); one liquidation
/// seen by both workers' streams reaching its chat once.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterProcessTests
{
    private const int Chats = 500;
    private const int MaxInFlight = 8; // the worker's Outbox:MaxInFlight

    [PostgresFact(Timeout = 180_000)]
    public async Task TwoWorkers_StartTogetherOnAFreshDatabase_MigrateOnceAndEveryDigestOnce()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        await using var sink = await Sink.StartAsync(TimeSpan.FromMilliseconds(10));
        using var a = Worker.Start(connectionString, sink.Url, "a");
        using var b = Worker.Start(connectionString, sink.Url, "b");
        try
        {
            // Both migrate the empty database at the same moment (the advisory lock serialises the steps).
            await TestTimeouts.WaitUntilAsync(() => (a.Serving && b.Serving) || a.Exited || b.Exited, TimeSpan.FromSeconds(90), "both workers to start");
            Assert.False(a.Exited || b.Exited, a.Output + b.Output);
            await using var database = PostgresDatabase.ForConnectionString(connectionString);
            Assert.Equal(PostgresDatabase.LatestVersion, await database.GetVersionAsync(default));

            await SubscribeAsync(database, TimeSpan.FromSeconds(2));
            await TestTimeouts.WaitUntilAsync(() => sink.Chats >= Chats || a.Exited || b.Exited, TimeSpan.FromSeconds(90), "500 digests at the sink");
            // A duplicate would come within the claim lease (5 s) of its first copy: give it the time to show.
            await Task.Delay(TimeSpan.FromSeconds(6));

            Assert.Equal(Chats, sink.Chats);
            Assert.All(sink.PerChat.Values, n => Assert.Equal(1, n));
            Assert.Equal(new OutboxStats(0, Chats, 0), await new PostgresStore(database, TimeProvider.System).GetStatsAsync(default));
            await using var count = await database.OpenAsync(default);
            await using var steps = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", count);
            Assert.Equal(1L, await steps.ExecuteScalarAsync());
        }
        finally
        {
            a.Stop();
            b.Stop();
        }
    }

    [PostgresFact(Timeout = 180_000)]
    public async Task TwoWorkers_OneSigkilledMidFanOut_TheOtherFinishesTheRoundDuplicatesAtMostItsInFlight()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        await using (var setup = PostgresDatabase.ForConnectionString(connectionString))
        {
            await setup.MigrateAsync(default);
        }
        // Slow enough that the kill lands mid-fan-out with several requests open per worker.
        await using var sink = await Sink.StartAsync(TimeSpan.FromMilliseconds(60));
        using var a = Worker.Start(connectionString, sink.Url, "a");
        using var b = Worker.Start(connectionString, sink.Url, "b");
        try
        {
            await TestTimeouts.WaitUntilAsync(() => (a.Serving && b.Serving) || a.Exited || b.Exited, TimeSpan.FromSeconds(90), "both workers to start");
            Assert.False(a.Exited || b.Exited, a.Output + b.Output);
            await using var database = PostgresDatabase.ForConnectionString(connectionString);
            await SubscribeAsync(database, TimeSpan.FromSeconds(2));

            await TestTimeouts.WaitUntilAsync(() => sink.Chats >= 100, TimeSpan.FromSeconds(90), "100 digests at the sink");
            // Kill the busier one: it certainly has messages in flight.
            var victim = sink.By("a") >= sink.By("b") ? a : b;
            var survivor = victim == a ? b : a;
            victim.Kill();
            var atKill = sink.Total;
            Assert.InRange(atKill, 100, Chats - 1);

            // The survivor takes over the victim's claims when their lease (5 s) ends, and sends the rest.
            await TestTimeouts.WaitUntilAsync(() => sink.Chats >= Chats || survivor.Exited, TimeSpan.FromSeconds(90), "the survivor to finish the round");
            await Task.Delay(TimeSpan.FromSeconds(6));

            Assert.Equal(Chats, sink.Chats);
            Assert.InRange(sink.Total, Chats, Chats + MaxInFlight);
            Assert.All(sink.PerChat.Values, n => Assert.InRange(n, 1, 2));
            Assert.Equal(new OutboxStats(0, Chats, 0), await new PostgresStore(database, TimeProvider.System).GetStatsAsync(default));
        }
        finally
        {
            a.Stop();
            b.Stop();
        }
    }

    [PostgresFact(Timeout = 180_000)]
    public async Task TwoWorkers_SameLiquidationOnBothStreams_AlertReachesItsChatOnce()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        var chat = new ChatAddress(ChatPlatform.Telegram, "777");
        await using (var setup = PostgresDatabase.ForConnectionString(connectionString))
        {
            await new PostgresStore(setup, TimeProvider.System).AddAlertAsync(chat,
                new NewAlertRule(new Symbol("BTCUSDT"), new AlertCondition(AlertMetric.Liquidations5m, AlertDirection.Above, 5_000_000m), TimeSpan.FromMinutes(30), true),
                50, TimeProvider.System.GetUtcNow(), default);
        }
        await using var sink = await Sink.StartAsync(TimeSpan.Zero);
        // Both workers' streams deliver the same three liquidations ($6M together) at the same moment.
        var at = TimeProvider.System.GetUtcNow().AddSeconds(15).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var a = Worker.Start(connectionString, sink.Url, "a", at);
        using var b = Worker.Start(connectionString, sink.Url, "b", at);
        try
        {
            await TestTimeouts.WaitUntilAsync(() => sink.Total >= 1 || a.Exited || b.Exited, TimeSpan.FromSeconds(90), "the liquidation alert at the sink");
            Assert.False(a.Exited || b.Exited, a.Output + b.Output);
            Assert.True(a.Serving && b.Serving, "both workers were running when the liquidations came");
            await Task.Delay(TimeSpan.FromSeconds(6));

            Assert.Equal(1, sink.Total);
            Assert.Equal(1, sink.PerChat[chat.ChatId]);
            await using var database = PostgresDatabase.ForConnectionString(connectionString);
            await using var c = await database.OpenAsync(default);
            await using var keys = new NpgsqlCommand("SELECT idempotency_key FROM outbox", c);
            var key = (string)(await keys.ExecuteScalarAsync())!;
            Assert.Contains(":liq:okx:", key, StringComparison.Ordinal);
        }
        finally
        {
            a.Stop();
            b.Stop();
        }
    }

    /// <summary>500 chats, one quadrant digest each, all due <paramref name="dueIn"/> from now (one round).</summary>
    private static async Task SubscribeAsync(PostgresDatabase database, TimeSpan dueIn)
    {
        var store = new PostgresStore(database, TimeProvider.System);
        var due = TimeProvider.System.GetUtcNow() + dueIn;
        await Parallel.ForEachAsync(Enumerable.Range(0, Chats), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.AddSubscriptionsAsync(new ChatAddress(ChatPlatform.Telegram, (10_000_000 + i).ToString(CultureInfo.InvariantCulture)),
                [new NewSubscription(new Symbol("BTCUSDT"), DigestKind.Quadrant, DigestSchedule.Every(TimeSpan.FromHours(4)), due)], 50, ct));
    }

    /// <summary>The loopback chat platform: counts what each chat received and from which worker.</summary>
    private sealed class Sink : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, int> _byWorker = new();
        private int _total;
        private LoopbackServer _server = null!;

        public ConcurrentDictionary<string, int> PerChat { get; } = new();
        public int Chats => PerChat.Count;
        public int Total => Volatile.Read(ref _total);
        public string Url => _server.BaseAddress.ToString();

        public int By(string worker) => _byWorker.GetValueOrDefault(worker);

        public static async Task<Sink> StartAsync(TimeSpan roundTrip)
        {
            var sink = new Sink();
            sink._server = await LoopbackServer.StartAsync(app => app.MapPost("/send/{chat}/{worker}", async (string chat, string worker, HttpContext ctx) =>
            {
                if (roundTrip > TimeSpan.Zero)
                {
                    await Task.Delay(roundTrip, ctx.RequestAborted);
                }
                sink.PerChat.AddOrUpdate(chat, 1, (_, n) => n + 1);
                sink._byWorker.AddOrUpdate(worker, 1, (_, n) => n + 1);
                Interlocked.Increment(ref sink._total);
                return Results.Ok();
            }));
            return sink;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    /// <summary>One worker process (the harness's <c>cluster</c> verb); stopped or killed by its own Process object only.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private Worker(Process process) => _process = process;

        public bool Serving => _lines.Any(l => l.StartsWith("serving", StringComparison.Ordinal));
        public bool Exited => _process.HasExited;
        public string Output => string.Join('\n', _lines);

        public static Worker Start(string connectionString, string sink, string tag, string? liquidationsAt = null)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DerivBot.Subscriptions.Harness.dll"));
            info.ArgumentList.Add("cluster");
            info.ArgumentList.Add(connectionString);
            info.ArgumentList.Add(sink);
            info.ArgumentList.Add(tag);
            if (liquidationsAt is not null)
            {
                info.ArgumentList.Add(liquidationsAt);
            }
            var worker = new Worker(Process.Start(info) ?? throw new InvalidOperationException("could not start the worker"));
            worker._process.OutputDataReceived += (_, e) => { if (e.Data is not null) worker._lines.Enqueue(e.Data); };
            worker._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) worker._lines.Enqueue(e.Data); };
            worker._process.BeginOutputReadLine();
            worker._process.BeginErrorReadLine();
            return worker;
        }

        /// <summary>SIGKILL: no shutdown, claims and in-flight sends left as they are.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        /// <summary>SIGTERM and a moment to stop; SIGKILL if it does not.</summary>
        public void Stop()
        {
            if (_process.HasExited)
            {
                return;
            }
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit(5_000);
            }
            if (!_process.WaitForExit(15_000))
            {
                Kill();
            }
        }

        public void Dispose()
        {
            Stop();
            _process.Dispose();
        }
    }
}

/// <summary>The cluster process tests run one at a time: each keeps two worker processes and PostgreSQL busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessCollection
{
    public const string Name = "ClusterProcesses";
}
