using System.Net;
using System.Text.Json;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Cli;
using DerivBot.Host.Hosting;
using DerivBot.Host.Http;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// The running worker (<c>run</c>, every venue offline, no chat platform configured) answers on its one HTTP listener
/// (<c>Http:Listen</c> = 127.0.0.1:0): liveness, readiness that follows the database, and Prometheus metrics.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HealthEndpointTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private IHost Build(Dictionary<string, string?>? extra = null)
    {
        var overrides = AppRun.WithTemp(_temp, extra);
        var builder = DerivBotApp.CreateBuilder(CommandLine.Parse(["run"]), overrides);
        builder.Services.AddSingleton(new ConsoleOutput(TextWriter.Null, TextWriter.Null));
        return builder.Build();
    }

    private static Uri Base(IHost host) => host.Services.GetRequiredService<DerivBotHttpServer>().Addresses.Single();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Polls <paramref name="url"/> until it answers <paramref name="expected"/>; the last answer is returned either way.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(HttpClient http, Uri url, HttpStatusCode expected, CancellationToken ct)
    {
        while (true)
        {
            var answer = await GetAsync(http, url, ct);
            if (answer.Status == expected || ct.IsCancellationRequested)
            {
                return answer;
            }
            await Task.Delay(100, ct);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Run_Healthz200AndReadyz200_WhenStoreAndMarketAreFine()
    {
        using var host = Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(cts.Token);
        try
        {
            using var http = new HttpClient();
            var live = await GetAsync(http, new Uri(Base(host), "/healthz"), cts.Token);
            Assert.Equal(HttpStatusCode.OK, live.Status);

            // Ready once the first refresh cycle ran (nothing watched: nothing can be stale) and the store answers.
            var ready = await WaitForAsync(http, new Uri(Base(host), "/readyz"), HttpStatusCode.OK, cts.Token);
            Assert.True(ready.Status == HttpStatusCode.OK, ready.Body);
            using var doc = JsonDocument.Parse(ready.Body);
            Assert.Equal("Healthy", doc.RootElement.GetProperty("status").GetString());
            var checks = doc.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("store").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("market").GetProperty("status").GetString());
            // No token configured: neither chat platform is enabled, so neither is checked.
            Assert.False(checks.TryGetProperty("telegram", out _));
            Assert.False(checks.TryGetProperty("discord", out _));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Readyz_DatabaseFileGoesAwayAndComesBack_503Then200()
    {
        using var host = Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(cts.Token);
        try
        {
            using var http = new HttpClient();
            var readyz = new Uri(Base(host), "/readyz");
            Assert.Equal(HttpStatusCode.OK, (await WaitForAsync(http, readyz, HttpStatusCode.OK, cts.Token)).Status);

            // The database goes away (a volume unmounted, a file deleted): pooled connections may still work on the old
            // file, but a fresh connection cannot open it, and readiness says so.
            var file = _temp.File("bot.db");
            var aside = _temp.File("bot.db.aside");
            File.Move(file, aside);
            var down = await GetAsync(http, readyz, cts.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
            using (var doc = JsonDocument.Parse(down.Body))
            {
                var store = doc.RootElement.GetProperty("checks").GetProperty("store");
                Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
                Assert.Contains("store unreachable", store.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.Equal("Healthy", doc.RootElement.GetProperty("checks").GetProperty("market").GetProperty("status").GetString());
            }
            // Liveness is not readiness: the process is still up.
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, new Uri(Base(host), "/healthz"), cts.Token)).Status);

            File.Move(aside, file, overwrite: true);
            var back = await WaitForAsync(http, readyz, HttpStatusCode.OK, cts.Token);
            Assert.True(back.Status == HttpStatusCode.OK, back.Body);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_TelegramWebhookMode_SharesTheListenerAndCountsAsConnected()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var host = Build(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = telegram.ApiBaseUrl.ToString(),
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.com/telegram/update",
            ["Telegram:WebhookSecret"] = "right-secret",
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await host.StartAsync(cts.Token);
        try
        {
            await TestTimeouts.WaitUntilAsync(() => telegram.CallsTo("setWebhook").Count > 0, TimeSpan.FromSeconds(60), "setWebhook");
            using var http = new HttpClient();
            var ready = await WaitForAsync(http, new Uri(Base(host), "/readyz"), HttpStatusCode.OK, cts.Token);
            Assert.True(ready.Status == HttpStatusCode.OK, ready.Body);
            using (var doc = JsonDocument.Parse(ready.Body))
            {
                Assert.Equal("Healthy", doc.RootElement.GetProperty("checks").GetProperty("telegram").GetProperty("status").GetString());
            }

            // Telegram's posts arrive on the same port as the health endpoints, secret token checked as before.
            HttpRequestMessage Post(string? secret)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base(host), "/telegram/update"))
                {
                    Content = new StringContent("{\"update_id\":5," + TgUpdates.Private("/help") + "}", System.Text.Encoding.UTF8, "application/json"),
                };
                if (secret is not null)
                {
                    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
                }
                return request;
            }
            using (var wrong = Post("wrong"))
            using (var rejected = await http.SendAsync(wrong, cts.Token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            }
            using (var right = Post("right-secret"))
            using (var accepted = await http.SendAsync(right, cts.Token))
            {
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            }
            await TestTimeouts.WaitUntilAsync(() => telegram.CallsTo("sendMessage").Any(c => c.ChatId == "111111111"), TimeSpan.FromSeconds(30), "the /help reply");
            Assert.Empty(telegram.CallsTo("getUpdates"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_BadHttpListen_ConfigurationErrorNamingTheKey()
    {
        var run = await AppRun.RunAsync(["run"], _temp, new Dictionary<string, string?> { ["Http:Listen"] = "localhost" });

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Http:Listen must be host:port", run.Err, StringComparison.Ordinal);
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task Readyz_PostgresDatabaseGoesAwayAndComesBack_503Then200()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        var cluster = await PostgresCluster.GetAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var host = Build(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await host.StartAsync(cts.Token);
        try
        {
            using var http = new HttpClient();
            var readyz = new Uri(Base(host), "/readyz");
            var up = await WaitForAsync(http, readyz, HttpStatusCode.OK, cts.Token);
            Assert.True(up.Status == HttpStatusCode.OK, up.Body);
            Assert.Contains("Postgres reachable", up.Body, StringComparison.Ordinal);

            // The database goes away for this instance: it refuses connections and the open ones are cut. (The cluster
            // itself keeps running: it is shared by every PostgreSQL test of this run.)
            await AdminAsync(cluster, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false", cts.Token);
            await AdminAsync(cluster, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'", cts.Token);
            var down = await WaitForAsync(http, readyz, HttpStatusCode.ServiceUnavailable, cts.Token);
            Assert.True(down.Status == HttpStatusCode.ServiceUnavailable, down.Body);
            Assert.Contains("store unreachable", down.Body, StringComparison.Ordinal);

            await AdminAsync(cluster, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true", cts.Token);
            var back = await WaitForAsync(http, readyz, HttpStatusCode.OK, cts.Token);
            Assert.True(back.Status == HttpStatusCode.OK, back.Body);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task AdminAsync(PostgresCluster cluster, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [Fact(Timeout = 90_000)]
    public async Task Metrics_AfterAnOutboxSend_ListsTheDerivBotInstruments()
    {
        using var host = Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(cts.Token);
        try
        {
            var outbox = host.Services.GetRequiredService<IOutboxStore>();
            var chat = new ChatAddress(ChatPlatform.Console, "metrics-test");
            var report = new Report(ReportKind.Info, "hello", [ParagraphBlock.Of("metrics")]);
            Assert.True(await outbox.EnqueueAsync(new OutboxDraft(chat, OutboxKind.Digest, "metrics-test-1", new OutboundMessage(report)), TimeProvider.System.GetUtcNow(), cts.Token));
            host.Services.GetRequiredService<OutboxSignal>().Notify();

            using var http = new HttpClient();
            var metrics = new Uri(Base(host), "/metrics");
            string body;
            do
            {
                await Task.Delay(100, cts.Token);
                body = (await GetAsync(http, metrics, cts.Token)).Body;
            }
            while (!body.Contains("derivbot_chat_sends_total{", StringComparison.Ordinal));

            Assert.Contains("derivbot_chat_sends_total{platform=\"console\",status=\"sent\"", body.Replace("otel_scope_name=\"DerivBot\",otel_scope_version=\"1.0\",", "", StringComparison.Ordinal), StringComparison.Ordinal);
            // The store probe ran at start (and /readyz runs it too): the outbox gauges are there.
            await GetAsync(http, new Uri(Base(host), "/readyz"), cts.Token);
            body = (await GetAsync(http, metrics, cts.Token)).Body;
            Assert.Contains("# TYPE derivbot_outbox_depth gauge", body, StringComparison.Ordinal);
            Assert.Contains("derivbot_outbox_oldest_pending_age_seconds", body, StringComparison.Ordinal);
            Assert.Contains("derivbot_market_refresh_duration_seconds_bucket", body, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
