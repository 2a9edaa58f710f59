using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests.Hosting;

public sealed class DiscordBotServiceTests
{
    private const int TestTimeoutMs = 60_000;

    /// <summary>Stands in for Telegram and the jobs: it counts while the host lives.</summary>
    private sealed class OtherWorker : BackgroundService
    {
        public int Ticks;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref Ticks);
                await Task.Delay(20, stoppingToken);
            }
        }
    }

    private static IHost BuildHost(Dictionary<string, string?> config, CollectingLoggerProvider logs, FakeCommandDispatcher? dispatcher = null, InMemoryHashStore? store = null, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<ICommandDispatcher>(dispatcher ?? new FakeCommandDispatcher(Some.Commands(), (_, _) => Task.FromResult(CommandResult.Of(Some.Report()))));
        builder.Services.AddSingleton<DerivBot.Core.Localization.ILocalizer>(Some.Localizer); // AddCommands registers it in the host
        builder.Services.AddSingleton<IChatRegistry, InMemoryChatRegistry>();
        builder.Services.AddSingleton<IDiscordCommandHashStore>(store ?? new InMemoryHashStore());
        builder.Services.AddSingleton<OtherWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OtherWorker>());
        builder.Services.AddDiscord(builder.Configuration);
        return builder.Build();
    }

    private static DiscordBotService BotService(IHost host) => host.Services.GetServices<IHostedService>().OfType<DiscordBotService>().Single();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Start_NoToken_LogsOnceAndRunsNothing()
    {
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost([], logs);

        await host.StartAsync();
        await BotService(host).ExecuteTask!.WaitAsync(TestTimeouts.Network);

        Assert.Single(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Discord:BotToken is not set", StringComparison.Ordinal));
        Assert.IsType<DiscordChatSender>(host.Services.GetRequiredService<IChatSender>());
        await host.StopAsync();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Start_FatalGatewayClose_StopsOnlyDiscordAndHostKeepsRunning()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost(new()
        {
            ["Discord:BotToken"] = Some.Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
        }, logs);
        using var cts = TestTimeouts.NetworkToken();
        await host.StartAsync(cts.Token);

        var connection = await server.NextConnectionAsync(cts.Token);
        await connection.HelloAsync(45_000, cts.Token);
        await connection.NextAsync(2, cts.Token);
        await connection.CloseAsync(4004, cts.Token);
        await BotService(host).ExecuteTask!.WaitAsync(cts.Token);

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        var worker = host.Services.GetRequiredService<OtherWorker>();
        var before = Volatile.Read(ref worker.Ticks);
        await TestTimeouts.WaitUntilAsync(() => Volatile.Read(ref worker.Ticks) > before + 2, what: "other worker still running");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("Telegram and scheduled jobs keep running", StringComparison.Ordinal));
        Assert.DoesNotContain(Some.Token, logs.AllText, StringComparison.Ordinal);
        Assert.Single(server.Server.Requests, r => r.Path == "/gateway");
        await host.StopAsync(cts.Token);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Start_WithToken_RegistersCommandsOnReadyAndAnswersInteractions()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var logs = new CollectingLoggerProvider();
        var store = new InMemoryHashStore();
        using var host = BuildHost(new()
        {
            ["Discord:BotToken"] = Some.Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
        }, logs, store: store);
        using var cts = TestTimeouts.NetworkToken();
        await host.StartAsync(cts.Token);

        var connection = await server.NextConnectionAsync(cts.Token);
        await connection.HelloAsync(45_000, cts.Token);
        await connection.NextAsync(2, cts.Token);
        await connection.ReadyAsync("session-e2e", 1, cancellationToken: cts.Token);
        await connection.DispatchAsync("INTERACTION_CREATE", Some.SlashCommand("funding", """[{"type":3,"name":"symbol","value":"BTC"}]"""), 2, cts.Token);

        const string callback = "/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback";
        await TestTimeouts.WaitUntilAsync(() => server.RequestsTo("POST", callback).Count == 1, what: "interaction callback");
        await TestTimeouts.WaitUntilAsync(() => store.Hash is not null, what: "command registration");
        Assert.Single(server.RequestsTo("GET", "/api/v10/gateway/bot"));
        Assert.Single(server.RequestsTo("PUT", $"/api/v10/applications/{Some.AppId}/commands"));
        using var body = JsonDocument.Parse(server.RequestsTo("POST", callback)[0].BodyText);
        Assert.Equal(4, body.RootElement.GetProperty("type").GetInt32());
        await host.StopAsync(cts.Token);
        Assert.DoesNotContain(Some.Token, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("A_UNIQUE_TOKEN", logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Discord:DeferAfter", "00:00:05", "Discord:DeferAfter")]
    [InlineData("Discord:ApiBaseUrl", "ftp://example.com", "Discord:ApiBaseUrl")]
    [InlineData("Discord:GatewayUrl", "https://gateway.discord.gg", "Discord:GatewayUrl")]
    [InlineData("Discord:BotToken", "Bot abc", "Discord:BotToken")]
    [InlineData("Discord:ShardCount", "0", "Discord:ShardCount")]
    [InlineData("Discord:ShardIds", "0-1", "Discord:ShardCount")] // ids without the total
    [InlineData("Discord:ShardIds", "3", "Discord:ShardIds", "3")] // outside [0, 3)
    [InlineData("Discord:ShardIds", "2-1", "Discord:ShardIds", "3")]
    [InlineData("Discord:ShardIds", "0,0", "Discord:ShardIds", "3")]
    [InlineData("Discord:ShardIds", "a", "Discord:ShardIds", "3")]
    public void Options_Invalid_FailNamingTheKey(string key, string value, string expectedKey, string? shardCount = null)
    {
        var logs = new CollectingLoggerProvider();
        var config = new Dictionary<string, string?> { [key] = value };
        if (shardCount is not null)
        {
            config["Discord:ShardCount"] = shardCount;
        }
        using var host = BuildHost(config, logs);

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains(expectedKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new DiscordOptions();

        Assert.True(new DiscordOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://discord.com/api/v10"), options.ApiBaseUrl);
        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.DeferAfter);
    }

    [Theory]
    [InlineData("0-3", 4, new[] { 0, 1, 2, 3 })]
    [InlineData("4-5, 1", 8, new[] { 1, 4, 5 })]
    [InlineData("7", 8, new[] { 7 })]
    public void Options_ShardIds_ValidListsAccepted(string ids, int count, int[] expected)
    {
        Assert.True(new DiscordOptionsValidator().Validate(null, new DiscordOptions { ShardCount = count, ShardIds = ids }).Succeeded);
        Assert.Equal(expected, DerivBot.Discord.Gateway.ShardIdList.Parse(ids, out _));
    }

    private static async Task<(FakeGatewayConnection Connection, int[] Shard)> IdentifiedAsync(FakeDiscordServer server, CancellationToken ct)
    {
        var connection = await server.NextConnectionAsync(ct);
        await connection.HelloAsync(45_000, ct);
        var identify = await connection.NextAsync(2, ct);
        var shard = identify.GetProperty("d").GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return (connection, shard);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Start_AutomaticSharding_OneConnectionPerShardIdentifyPacedByMaxConcurrency()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Enqueue("GET", "/api/v10/gateway/bot", new FakeResponse(200, JsonSerializer.Serialize(new
        {
            url = server.GatewayUrl.ToString().TrimEnd('/'),
            shards = 4,
            session_start_limit = new { total = 1000, remaining = 999, reset_after = 14_400_000, max_concurrency = 2 },
        })));
        var clock = new ManualTimeProvider();
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost(new()
        {
            ["Discord:BotToken"] = Some.Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
        }, logs, clock: clock);
        using var cts = TestTimeouts.NetworkToken();
        await host.StartAsync(cts.Token);

        // Buckets shard_id % 2: shards 0 and 1 start together; 2 and 3 only 5 s later.
        var first = new[] { await IdentifiedAsync(server, cts.Token), await IdentifiedAsync(server, cts.Token) };
        Assert.Equal([[0, 4], [1, 4]], first.Select(f => f.Shard).OrderBy(s => s[0]));
        using (var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.NextConnectionAsync(quiet.Token));
        }
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = new[] { await IdentifiedAsync(server, cts.Token), await IdentifiedAsync(server, cts.Token) };
        Assert.Equal([[2, 4], [3, 4]], second.Select(f => f.Shard).OrderBy(s => s[0]));
        Assert.Contains(logs.Entries, e => e.Message.Contains("running 4 of 4 shard(s)", StringComparison.Ordinal));
        await host.StopAsync(cts.Token);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Start_ConfiguredShardIds_RunsOnlyThisInstancesShards()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost(new()
        {
            ["Discord:BotToken"] = Some.Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
            ["Discord:ShardCount"] = "6",
            ["Discord:ShardIds"] = "2,4",
        }, logs);
        using var cts = TestTimeouts.NetworkToken();
        await host.StartAsync(cts.Token);

        // max_concurrency 1 (the fake's default): one bucket, so the second shard identifies 5 s after the first.
        var a = await IdentifiedAsync(server, cts.Token);
        var b = await IdentifiedAsync(server, cts.Token);
        Assert.Equal([[2, 6], [4, 6]], new[] { a.Shard, b.Shard }.OrderBy(s => s[0]));
        using (var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.NextConnectionAsync(quiet.Token));
        }
        await host.StopAsync(cts.Token);
    }
}
