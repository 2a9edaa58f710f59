using DerivBot.Core.Ports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using DerivBot.Discord.Commands;
using DerivBot.Discord.Interactions;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Rest;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests;

/// <summary>Builders for the objects tests need.</summary>
internal static class Some
{
    public const string Token = "test-bot-token-NEVER-LOG";
    public const string AppId = "900000000000000001";
    public const string ChannelId = "645027906669510667";
    public const string GuildId = "290926798626357999";

    /// <summary>The bot's one localizer (Strings*.resx).</summary>
    public static readonly ILocalizer Localizer = new DerivBot.Application.Localization.ResxLocalizer();

    public static IOptions<DiscordOptions> Options(FakeDiscordServer? server = null, Action<DiscordOptions>? configure = null)
    {
        var options = new DiscordOptions { BotToken = Token };
        if (server is not null)
        {
            options.ApiBaseUrl = server.ApiBaseUrl;
        }
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public static DiscordRestClient Rest(FakeDiscordServer server, TimeProvider clock, CollectingLoggerProvider? logs = null, Action<DiscordOptions>? configure = null) =>
        Rest(Options(server, configure), clock, logs);

    /// <summary>The REST client over the production HttpClient registration (its transport-retry handler included),
    /// on <paramref name="clock"/>, logging to <paramref name="logs"/>.</summary>
    public static DiscordRestClient Rest(IOptions<DiscordOptions> options, TimeProvider clock, CollectingLoggerProvider? logs = null)
    {
        logs ??= new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(clock);
        services.AddLogging(b => b.AddProvider(logs));
        services.AddDiscordHttpClient();
        // The provider only hands out the client; its handler lives as long as the client uses it.
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(DiscordTransport.HttpClientName);
        return new DiscordRestClient(options, clock, logs.For<DiscordRestClient>(), http);
    }

    public static IReadOnlyDictionary<Language, string> Texts(string en, string tw, string cn) =>
        new Dictionary<Language, string> { [Language.En] = en, [Language.ZhTw] = tw, [Language.ZhCn] = cn };

    public static IReadOnlyList<CommandInfo> Commands() =>
    [
        new CommandInfo("funding", ["f"], Texts("Funding rates for a symbol", "資金費率", "资金费率"), false,
        [
            new CommandOption("symbol", Texts("e.g. BTCUSDT", "例如 BTCUSDT", "例如 BTCUSDT"), CommandOptionKind.Symbol, true),
            new CommandOption("period", Texts("Period", "週期", "周期"), CommandOptionKind.Choice, false, ["1h", "4h", "1d"]),
        ]),
        new CommandInfo("subscribe", [], Texts("Subscribe this channel", "訂閱此頻道", "订阅此频道"), true,
        [
            new CommandOption("when", Texts("Schedule", "排程", "排程"), CommandOptionKind.Text, false),
            new CommandOption("symbol", Texts("Symbol", "幣種", "币种"), CommandOptionKind.Symbol, true),
        ]),
    ];

    public static Report Report(string title = "BTCUSDT · Funding", ReportTone tone = ReportTone.Bullish, IReadOnlyList<ReportAction>? actions = null) =>
        new(ReportKind.Funding, title,
        [
            ParagraphBlock.Of("Funding is ", new TextRun("+0.0100%", TextStyle.Bold), " per 8h."),
            new FieldsBlock([new ReportField("Mark", "65,000.1"), new ReportField("Next", "in 3h")]),
        ],
        "binance · 2025-10-10 00:00 UTC", actions, tone);

    public static DiscordInteractionHandler Handler(
        FakeDiscordServer server,
        TimeProvider clock,
        FakeCommandDispatcher dispatcher,
        InMemoryChatRegistry? registry = null,
        FakeSymbolCatalog? symbols = null,
        IDiscordCommandHashStore? hashStore = null,
        CollectingLoggerProvider? logs = null,
        IQuizBook? quizzes = null)
    {
        logs ??= new CollectingLoggerProvider();
        var rest = Rest(server, clock, logs);
        return new DiscordInteractionHandler(
            rest,
            dispatcher,
            registry ?? new InMemoryChatRegistry(),
            symbols,
            new DiscordEmbedRenderer(),
            new DiscordCommandRegistrar(rest, dispatcher, hashStore ?? new InMemoryHashStore(), logs.For<DiscordCommandRegistrar>()),
            Options(server),
            clock,
            logs.For<DiscordInteractionHandler>(),
            Localizer,
            quizzes);
    }

    /// <summary>An INTERACTION_CREATE <c>d</c> for a slash command in a guild (the official sample's shape).</summary>
    public static string SlashCommand(string name, string optionsJson = "[]", string permissions = "2147483647", string locale = "zh-TW", string id = "786008729715212338", string token = "A_UNIQUE_TOKEN") =>
        $$"""
        {"type":2,"token":"{{token}}","application_id":"{{AppId}}",
         "member":{"user":{"id":"53908232506183680","username":"Mason"},"roles":[],"permissions":"{{permissions}}"},
         "id":"{{id}}","guild_id":"{{GuildId}}","app_permissions":"442368","guild_locale":"{{locale}}","locale":"{{locale}}",
         "data":{"options":{{optionsJson}},"type":1,"name":"{{name}}","id":"771825006014889984"},
         "channel_id":"{{ChannelId}}"}
        """;

    public static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>A hash store kept in memory.</summary>
internal sealed class InMemoryHashStore : IDiscordCommandHashStore
{
    public string? Hash { get; set; }

    public Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Hash);

    public Task WriteAsync(string hash, CancellationToken cancellationToken)
    {
        Hash = hash;
        return Task.CompletedTask;
    }
}
