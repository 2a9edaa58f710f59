using DerivBot.Application;
using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Jobs;
using DerivBot.Storage;
using DerivBot.Storage.Postgres;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DerivBot.Host.Tests.Jobs;

/// <summary>
/// The scheduler split with <c>Storage:Provider=Postgres</c>: Quartz's clustered AdoJobStore on the tables our
/// migrations create. Two hosts share the database: each refreshes its own market data every interval, while each
/// firing of the refresh-driven evaluation runs on ONE of them.
/// </summary>
public sealed class ClusteredJobsTests
{
    [PostgresFact]
    public async Task TwoHosts_Clustered_EachRefreshesItsOwnDataEvaluationFiresOnOneAtATime()
    {
        using var timeout = TestTimeouts.NetworkToken();
        var connectionString = await PostgresCluster.CreateDatabaseAsync(timeout.Token);
        await using (var database = PostgresDatabase.ForConnectionString(connectionString))
        {
            await database.MigrateAsync(timeout.Token);
        }
        using var dir = new TempDirectory();
        var sqlite = dir.File("ports.db");
        using (var setup = SqliteDatabase.ForFile(sqlite))
        {
            // One watched symbol through an alert rule that never holds (no digests, no sends: only evaluations).
            await new SqliteStore(setup, TimeProvider.System).AddAlertAsync(new ChatAddress(ChatPlatform.Telegram, "1"),
                new NewAlertRule(new Symbol("BTCUSDT"), new AlertCondition(AlertMetric.Funding, AlertDirection.Above, 100m), TimeSpan.FromMinutes(30), true),
                50, TimeProvider.System.GetUtcNow(), timeout.Token);
        }
        SqliteConnection.ClearAllPools();

        var hosts = new[] { new Node(), new Node() };
        var built = hosts.Select(n => BuildHost(sqlite, connectionString, n)).ToList();
        try
        {
            foreach (var host in built)
            {
                await host.StartAsync(timeout.Token);
            }
            await TestTimeouts.WaitUntilAsync(() => hosts.All(n => n.Refreshes >= 8), TimeSpan.FromSeconds(60), "both hosts to refresh their own data 8 times");

            var evaluations = hosts.Sum(n => n.Evaluations);
            var refreshes = hosts.Sum(n => n.Refreshes);
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync(timeout.Token);
            await using var fired = new NpgsqlCommand("SELECT times_triggered FROM qrtz_simple_triggers WHERE trigger_name = 'market-refresh'", c);
            var firings = (long)(await fired.ExecuteScalarAsync(timeout.Token))!;
            await using var nodes = new NpgsqlCommand("SELECT COUNT(*) FROM qrtz_scheduler_state", c);
            // Both schedulers checked in to one cluster; every firing of the shared trigger was evaluated on one host
            // only, so together they evaluated about as often as it fired, while each refreshed on its own.
            Assert.Equal(2L, (long)(await nodes.ExecuteScalarAsync(timeout.Token))!);
            Assert.InRange(evaluations, 1, firings + 1);
            Assert.True(refreshes >= 2 * evaluations - 6, $"refreshes {hosts[0].Refreshes}+{hosts[1].Refreshes}, evaluations {evaluations}, firings {firings}");
        }
        finally
        {
            foreach (var host in built)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
            SqliteConnection.ClearAllPools();
        }
    }

    private static IHost BuildHost(string sqliteFile, string postgres, Node node)
    {
        var storage = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "Data Source=" + sqliteFile,
        }).Build();
        var jobs = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = postgres,
            ["Jobs:RefreshInterval"] = "00:00:00.250",
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        }).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IMarketData>(node);
        builder.Services.AddSingleton<IMarketRefresher>(node);
        builder.Services.AddSingleton<ICommandDispatcher, Dispatcher>();
        builder.Services.AddSqliteStorage(storage).AddSubscriptions(jobs).AddJobs(jobs);
        return builder.Build();
    }

    /// <summary>One host's market: counts its own refreshes and the evaluations (snapshot reads) run on it.</summary>
    private sealed class Node : IMarketData, IMarketRefresher
    {
        private int _refreshes;
        private int _evaluations;

        public int Refreshes => Volatile.Read(ref _refreshes);
        public int Evaluations => Volatile.Read(ref _evaluations);
        public string VenueName => "fake";

        public void Watch(IReadOnlyCollection<Symbol> symbols)
        {
        }

        public Task RefreshAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _refreshes);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PerpetualContract>>([new PerpetualContract(new Symbol("BTCUSDT"), "BTC", "USDT", "PERPETUAL", "TRADING", null, DateTimeOffset.UnixEpoch)]);

        public Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _evaluations);
            return Task.FromResult(new MarketSnapshot { Venue = "fake", Symbol = symbol, DataTime = TimeProvider.System.GetUtcNow() });
        }
    }

    private sealed class Dispatcher : ICommandDispatcher
    {
        public IReadOnlyList<CommandInfo> Commands => [];
        public bool IsKnown(string commandName) => true;
        public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResult.Of(new Report(ReportKind.Quadrant, request.Command, [])));
    }
}
