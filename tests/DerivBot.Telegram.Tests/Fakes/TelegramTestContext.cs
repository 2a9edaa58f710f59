using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Study;
using DerivBot.Core.Ports;
using DerivBot.Testing;
using DerivBot.Telegram.Api;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Sending;
using DerivBot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DerivBot.Telegram.Tests.Fakes;

/// <summary>The Telegram adapter wired to a <see cref="FakeTelegramServer"/>, a fake dispatcher and an in-memory registry.</summary>
public sealed class TelegramTestContext : IAsyncDisposable
{
    private TelegramTestContext(FakeTelegramServer server, ServiceProvider services, FakeCommandDispatcher dispatcher, InMemoryChatRegistry registry, CapturingLoggerProvider logs)
    {
        Server = server;
        Services = services;
        Dispatcher = dispatcher;
        Registry = registry;
        Logs = logs;
    }

    public FakeTelegramServer Server { get; }
    public ServiceProvider Services { get; }
    public FakeCommandDispatcher Dispatcher { get; }
    public InMemoryChatRegistry Registry { get; }
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The quiz store behind the registered <see cref="IQuizBook"/> (the real QuizBook over the in-memory fake).</summary>
    public InMemoryQuizStore Quizzes { get; private init; } = new();

    public TelegramUpdateHandler Handler => Services.GetRequiredService<TelegramUpdateHandler>();
    public TelegramChatSender Sender => Services.GetRequiredService<TelegramChatSender>();
    public TelegramSendQueue SendQueue => Services.GetRequiredService<TelegramSendQueue>();
    public TelegramPoller Poller => Services.GetRequiredService<TelegramPoller>();
    public ITelegramBotClient Client => Services.GetRequiredService<ITelegramBotClient>();

    public static async Task<TelegramTestContext> StartAsync(Action<TelegramOptions>? configure = null, TimeProvider? time = null, FakeLimits? limits = null, TimeProvider? serverClock = null, int commandsPerUserPerMinute = 10, Action<IServiceCollection>? extraServices = null)
    {
        var server = await FakeTelegramServer.StartAsync(serverClock, limits);
        var options = new TelegramOptions { BotToken = FakeTelegramServer.Token, ApiBaseUrl = server.ApiBaseUrl, PollingTimeoutSeconds = 1 };
        configure?.Invoke(options);
        var logs = new CapturingLoggerProvider();
        var dispatcher = TelegramTestCommands.Dispatcher();
        var registry = new InMemoryChatRegistry();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(Options.Create(options));
        // As in the host: the per-user command limit decorates the dispatcher (the fake sees only admitted commands).
        services.AddOptions<LimitsOptions>().Configure(o => o.CommandsPerUserPerMinute = commandsPerUserPerMinute);
        services.AddSingleton<CommandRateLimiter>();
        services.AddSingleton<ICommandDispatcher>(sp => new RateLimitedCommandDispatcher(dispatcher, sp.GetRequiredService<CommandRateLimiter>(), new ResxLocalizer()));
        services.AddSingleton<IChatRegistry>(registry);
        var quizzes = new InMemoryQuizStore();
        services.AddSingleton<IQuizBook>(new QuizBook(quizzes, new ResxLocalizer(), Options.Create(new QuizOptions())));
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        extraServices?.Invoke(services);
        services.AddTelegramCore(_ => new HttpClient(new TelegramApiHandler(options) { InnerHandler = new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TelegramBotIdentity>().Set(new User { Id = FakeTelegramServer.BotId, IsBot = true, FirstName = "Deriv Test", Username = FakeTelegramServer.BotUsername });
        return new TelegramTestContext(server, provider, dispatcher, registry, logs) { Quizzes = quizzes };
    }

    /// <summary>Handles one update the way the poller does (exceptions surface to the test).</summary>
    public Task HandleAsync(string updateBody, CancellationToken cancellationToken)
    {
        var update = System.Text.Json.JsonSerializer.Deserialize<Update>("{\"update_id\":1," + updateBody + "}", JsonBotAPI.Options)!;
        return Handler.HandleAsync(update, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
