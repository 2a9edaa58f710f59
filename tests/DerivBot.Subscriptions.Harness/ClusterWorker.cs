using System.Globalization;
using DerivBot.Application;
using DerivBot.Application.Market;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Hosting;
using DerivBot.Host.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// usage: DerivBot.Subscriptions.Harness cluster &lt;postgres connection string&gt; &lt;sink base url&gt; &lt;instance tag&gt; [&lt;liquidations at, unix ms&gt;]
/// <para>
/// One bot instance of a cluster on PostgreSQL, composed exactly as the host composes it — AddStorage
/// (Storage:Provider=Postgres: migrations at start under the advisory lock), AddSubscriptions (outbox drainer with
/// claims, alert engine, liquidation queue) and AddJobs (Quartz clustered AdoJobStore, local refresh) — with the
/// edges replaced: a market that is always fresh (a fixed quadrant report per digest), and a Telegram-platform sender
/// that POSTs each message to &lt;sink&gt;/send/&lt;chat&gt;/&lt;tag&gt;. Short cadences (refresh 1 s, claim lease 5 s, check-in 2 s).
/// With a time, every instance feeds the same three BTCUSDT liquidations (same venues, times and sizes, $6M together)
/// into its stream listeners at that moment, as its own exchange streams would. Runs until SIGTERM or SIGKILL.
/// </para>
/// </summary>
internal static class ClusterWorker
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is not (3 or 4))
        {
            Console.Error.WriteLine("usage: cluster <postgres connection string> <sink base url> <instance tag> [<liquidations at, unix ms>]");
            return 2;
        }
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = args[0],
            ["Jobs:RefreshInterval"] = "00:00:01",
            ["Jobs:DigestMaxStaleness"] = "00:10:00",
            ["Jobs:OutboxPollInterval"] = "00:00:00.200",
            ["Jobs:ClusterCheckinInterval"] = "00:00:02",
            ["Outbox:MaxInFlight"] = "8",
            ["Outbox:ClaimLease"] = "00:00:05",
        };
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMarketData, FreshMarket>();
        builder.Services.AddSingleton<IMarketRefresher, NoRefresh>();
        builder.Services.AddSingleton<ICommandDispatcher, QuadrantDispatcher>();
        builder.Services.AddSingleton(new HttpClient { BaseAddress = new Uri(args[1]) });
        builder.Services.AddSingleton<IChatSender>(sp => new SinkSender(sp.GetRequiredService<HttpClient>(), args[2]));
        builder.Services.AddStorage(config).AddSubscriptions(config).AddJobs(config);
        if (args.Length == 4)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args[3], CultureInfo.InvariantCulture));
            builder.Services.AddHostedService(sp => new LiquidationFeed(sp.GetServices<ILiquidationListener>().ToList(), at));
        }
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine("serving " + args[2]);
        await host.WaitForShutdownAsync();
        return 0;
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
            Task.FromResult(CommandResult.Of(new Report(ReportKind.Quadrant, request.Arguments + " · Quadrant", [ParagraphBlock.Of("digest")])));
    }

    /// <summary>Posts every message to the sink, naming the chat and this instance; a non-2xx answer is "retry later".</summary>
    private sealed class SinkSender(HttpClient http, string tag) : IChatSender
    {
        public ChatPlatform Platform => ChatPlatform.Telegram;

        public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
        {
            using var body = new StringContent(message.Report.Title);
            using var response = await http.PostAsync(new Uri($"send/{to.ChatId}/{tag}", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? SendResult.Ok() : new SendResult(SendStatus.RetryLater, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), TimeSpan.Zero);
        }
    }

    /// <summary>The same liquidations every instance's streams would deliver, at <paramref name="at"/>.</summary>
    private sealed class LiquidationFeed(IReadOnlyList<ILiquidationListener> listeners, DateTimeOffset at) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var wait = at - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }
            var btc = new Symbol("BTCUSDT");
            Liquidation[] events =
            [
                new(btc, PositionSide.Long, 60000m, 60000m, 30m, at.AddSeconds(-2)),
                new(btc, PositionSide.Long, 60000m, 60000m, 40m, at.AddSeconds(-1), VenueIds.Bybit),
                new(btc, PositionSide.Short, 60000m, 60000m, 30m, at, VenueIds.Okx),
            ];
            foreach (var e in events)
            {
                foreach (var listener in listeners)
                {
                    listener.OnLiquidation(e);
                }
            }
        }
    }
}
