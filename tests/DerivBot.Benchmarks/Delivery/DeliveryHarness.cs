using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DerivBot.Application;
using DerivBot.Application.Outbox;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Discord;
using DerivBot.Host.Jobs;
using DerivBot.Storage;
using DerivBot.Telegram;
using DerivBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DerivBot.Benchmarks.Delivery;

/// <summary>What one harness run measured.</summary>
/// <param name="Sustained">Messages per second from the first delivered message to the last.</param>
/// <param name="RateLimited">429 answers the fake gave (the goal is zero).</param>
/// <param name="Duplicates">Chats that received more than one message.</param>
public sealed record DeliveryResult(string Platform, int Chats, TimeSpan RoundTrip, int Delivered, TimeSpan FirstToLast, double Sustained, int RateLimited, int Duplicates, TimeSpan DueToLast)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"DELIVERY {Platform}: {Delivered}/{Chats} chats, round trip {RoundTrip.TotalMilliseconds:F0} ms: {Sustained:F2} msg/s sustained " +
        $"({FirstToLast.TotalSeconds:F1} s first to last), due→last {DueToLast.TotalSeconds:F1} s, 429s {RateLimited}, duplicates {Duplicates}");
}

/// <summary>
/// The production delivery path end to end: N chats subscribed in SQLite → the Quartz digest job (AddJobs) → the durable
/// outbox → <see cref="OutboxDrainer"/> (Outbox:MaxInFlight) → the platform's real <see cref="IChatSender"/> as
/// AddTelegram / AddDiscord register it → a loopback fake of the platform API that answers after a configurable
/// round trip and enforces the platform's limit with 429s (Telegram: 30 messages in any 1 s window; Discord: the
/// global 50 requests/s and a per-channel bucket of 5 per 5 s, announced in X-RateLimit headers). The digest is
/// rendered by the real <see cref="DigestRenderer"/> over a fixed quadrant report (rendering is measured elsewhere).
/// The bot's update/gateway services are not started: nothing but broadcasts talks to the fake.
/// Run: <c>dotnet run -c Release --project tests/DerivBot.Benchmarks -- delivery telegram 10000 100</c>
/// (platform, chats, round trip in ms[, max in flight]).
/// </summary>
public static class DeliveryHarness
{
    public static async Task<DeliveryResult> RunAsync(ChatPlatform platform, int chats, TimeSpan roundTrip, int maxInFlight = 8, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "derivbot-delivery", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await using var fake = await FakePlatformApi.StartAsync(platform, roundTrip).ConfigureAwait(false);
            var database = Path.Combine(dir, "delivery.db");
            var due = await SubscribeAsync(database, platform, chats, cancellationToken).ConfigureAwait(false);
            log?.WriteLine($"{chats} {platform} chats subscribed; digest due at {due:HH:mm:ss.fff}");

            using var host = Build(database, platform, fake.BaseAddress, maxInFlight);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var lastCount = 0;
                var idleSince = Stopwatch.StartNew();
                while (fake.Delivered.Count < chats)
                {
                    await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                    if (fake.Delivered.Count != lastCount)
                    {
                        lastCount = fake.Delivered.Count;
                        idleSince.Restart();
                    }
                    else if (idleSince.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        log?.WriteLine("no progress for 60 s; stopping");
                        break;
                    }
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            var times = fake.Delivered.Values.Select(v => v.At).Order().ToList();
            var firstToLast = times.Count > 1 ? times[^1] - times[0] : TimeSpan.Zero;
            var sustained = times.Count > 1 ? (times.Count - 1) / firstToLast.TotalSeconds : 0;
            return new DeliveryResult(platform.ToString(), chats, roundTrip, fake.Delivered.Count, firstToLast, sustained, fake.RateLimited,
                fake.Delivered.Values.Count(v => v.Count > 1), times.Count > 0 ? times[^1] - due : TimeSpan.Zero);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>One quadrant digest per chat, all due a few seconds from now (the host needs a moment to start).</summary>
    private static async Task<DateTimeOffset> SubscribeAsync(string database, ChatPlatform platform, int chats, CancellationToken ct)
    {
        using var db = SqliteDatabase.ForFile(database);
        var store = new SqliteStore(db, TimeProvider.System);
        var due = TimeProvider.System.GetUtcNow().AddSeconds(5);
        for (var i = 0; i < chats; i++)
        {
            // Telegram private chats are positive ids; Discord channels are snowflakes.
            var id = platform == ChatPlatform.Discord ? (1_100_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture) : (10_000_000 + i).ToString(CultureInfo.InvariantCulture);
            await store.AddSubscriptionsAsync(new ChatAddress(platform, id),
                [new NewSubscription(new Symbol("BTCUSDT"), DigestKind.Quadrant, DigestSchedule.Every(TimeSpan.FromHours(4)), due)], 50, ct).ConfigureAwait(false);
        }
        return due;
    }

    private static IHost Build(string database, ChatPlatform platform, Uri api, int maxInFlight)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "Data Source=" + database,
            ["Outbox:MaxInFlight"] = maxInFlight.ToString(CultureInfo.InvariantCulture),
            ["Telegram:Enabled"] = (platform == ChatPlatform.Telegram).ToString(),
            ["Discord:Enabled"] = (platform == ChatPlatform.Discord).ToString(),
            ["Discord:CommandHashPath"] = Path.Combine(Path.GetDirectoryName(database)!, "discord.sha256"),
        };
        if (platform == ChatPlatform.Telegram)
        {
            settings["Telegram:BotToken"] = "123456:harness";
            settings["Telegram:ApiBaseUrl"] = api.ToString();
        }
        else
        {
            settings["Discord:BotToken"] = "harness.token.value";
            settings["Discord:ApiBaseUrl"] = new Uri(api, "api/v10").ToString();
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMarketData, FreshMarket>();
        builder.Services.AddSingleton<IMarketRefresher, NoRefresh>();
        builder.Services.AddSingleton<ICommandDispatcher, QuadrantDispatcher>();
        builder.Services.AddSqliteStorage(config).AddSubscriptions(config).AddJobs(config);
        if (platform == ChatPlatform.Telegram)
        {
            builder.Services.AddTelegram(config);
        }
        else
        {
            builder.Services.AddDiscord(config);
        }
        // Only broadcasts talk to the fake: the update poller and the gateway are not part of this path.
        foreach (var d in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name is "TelegramBotService" or "DiscordBotService").ToList())
        {
            builder.Services.Remove(d);
        }
        return builder.Build();
    }

    private sealed class FreshMarket : IMarketData
    {
        public string VenueName => "binance";

        public Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PerpetualContract>>([]);

        public Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken) =>
            Task.FromResult(new MarketSnapshot { Venue = "binance", Symbol = symbol, DataTime = TimeProvider.System.GetUtcNow() });
    }

    private sealed class NoRefresh : IMarketRefresher
    {
        public string VenueName => "binance";

        public void Watch(IReadOnlyCollection<Symbol> symbols)
        {
        }

        public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class QuadrantDispatcher : ICommandDispatcher
    {
        public IReadOnlyList<CommandInfo> Commands => [];

        public bool IsKnown(string commandName) => true;

        public Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResult.Of(new Report(ReportKind.Quadrant, request.Arguments + " · Quadrant",
                [ParagraphBlock.Of("Funding +0.0100% per 8h · OI +2.1% (4h)"), new FieldsBlock([new ReportField("State", "Long crowding")])],
                "Source: Binance", Tone: ReportTone.Warning)));
    }
}

/// <summary>A loopback Telegram Bot API or Discord REST API that answers after a round trip and enforces the platform's limits with 429s.</summary>
internal sealed class FakePlatformApi : IAsyncDisposable
{
    private const int TelegramPerSecond = 30;
    private const int DiscordGlobalPerSecond = 50;
    private const int DiscordBucketLimit = 5;
    private static readonly TimeSpan DiscordBucketReset = TimeSpan.FromSeconds(5);

    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Dictionary<string, (int Used, DateTimeOffset ResetAt)> _buckets = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private LoopbackServer? _server;
    private int _rateLimited;

    public Uri BaseAddress => _server!.BaseAddress;

    public ConcurrentDictionary<string, (int Count, DateTimeOffset At)> Delivered { get; } = new();

    public int RateLimited => Volatile.Read(ref _rateLimited);

    public static async Task<FakePlatformApi> StartAsync(ChatPlatform platform, TimeSpan roundTrip)
    {
        var api = new FakePlatformApi();
        api._server = await LoopbackServer.StartAsync(app =>
        {
            if (platform == ChatPlatform.Telegram)
            {
                app.MapPost("/bot{token}/{method}", ctx => api.TelegramAsync(ctx, roundTrip));
            }
            else
            {
                app.MapPost("/api/v10/channels/{channel}/messages", ctx => api.DiscordAsync(ctx, roundTrip));
            }
        }).ConfigureAwait(false);
        return api;
    }

    private async Task TelegramAsync(HttpContext ctx, TimeSpan roundTrip)
    {
        var now = TimeProvider.System.GetUtcNow();
        string chat;
        if (ctx.Request.HasFormContentType)
        {
            chat = (await ctx.Request.ReadFormAsync()).TryGetValue("chat_id", out var c) ? c.ToString() : "?";
        }
        else
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            chat = doc.RootElement.TryGetProperty("chat_id", out var c) ? c.ToString() : "?";
        }
        var limited = !Admit(now, TelegramPerSecond);
        await Task.Delay(roundTrip);
        ctx.Response.ContentType = "application/json";
        if (limited)
        {
            Interlocked.Increment(ref _rateLimited);
            ctx.Response.StatusCode = 429;
            await ctx.Response.WriteAsync("""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
            return;
        }
        Record(chat);
        await ctx.Response.WriteAsync("{\"ok\":true,\"result\":{\"message_id\":1,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1}}");
    }

    private async Task DiscordAsync(HttpContext ctx, TimeSpan roundTrip)
    {
        var now = TimeProvider.System.GetUtcNow();
        var channel = (string)ctx.Request.RouteValues["channel"]!;
        await ctx.Request.Body.CopyToAsync(Stream.Null);
        var global = !Admit(now, DiscordGlobalPerSecond);
        int remaining;
        DateTimeOffset resetAt;
        bool bucketFull;
        lock (_gate)
        {
            (int Used, DateTimeOffset ResetAt) bucket = _buckets.TryGetValue(channel, out var b) && b.ResetAt > now ? b : (0, now + DiscordBucketReset);
            bucketFull = bucket.Used >= DiscordBucketLimit;
            if (!bucketFull && !global)
            {
                bucket.Used++;
            }
            _buckets[channel] = bucket;
            remaining = DiscordBucketLimit - bucket.Used;
            resetAt = bucket.ResetAt;
        }
        await Task.Delay(roundTrip);
        var resetAfter = (resetAt - now).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Limit"] = DiscordBucketLimit.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Reset-After"] = resetAfter;
        ctx.Response.Headers["X-RateLimit-Bucket"] = "harness-channel-messages";
        ctx.Response.ContentType = "application/json";
        if (global || bucketFull)
        {
            Interlocked.Increment(ref _rateLimited);
            ctx.Response.StatusCode = 429;
            if (global)
            {
                ctx.Response.Headers["X-RateLimit-Global"] = "true";
                ctx.Response.Headers["X-RateLimit-Scope"] = "global";
            }
            await ctx.Response.WriteAsync($$"""{"message":"You are being rate limited.","retry_after":{{(global ? "1.0" : resetAfter)}},"global":{{(global ? "true" : "false")}}}""");
            return;
        }
        Record(channel);
        await ctx.Response.WriteAsync($$"""{"id":"1200000000000000001","channel_id":"{{channel}}"}""");
    }

    /// <summary>Counts a request against a sliding 1 s window at arrival; false (and not counted) when the window is full.</summary>
    private bool Admit(DateTimeOffset now, int perSecond)
    {
        lock (_gate)
        {
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }
            if (_window.Count >= perSecond)
            {
                return false;
            }
            _window.Enqueue(now);
            return true;
        }
    }

    private void Record(string chat) =>
        Delivered.AddOrUpdate(chat, _ => (1, TimeProvider.System.GetUtcNow()), (_, v) => (v.Count + 1, v.At));

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
