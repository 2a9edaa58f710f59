using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DerivBot.Host.Cli;

/// <summary>
/// <c>demo</c>: the real worker — same host, Quartz jobs, SQLite store, signals, reports and renderers — fed by the
/// replay venue on an accelerated scenario clock and posting to the console transport. A study-group chat is set up
/// through the same commands a user would type (language, subscriptions, alerts), a few questions are asked, and
/// then the worker runs until the scenario window has been replayed.
/// </summary>
public static class DemoVerb
{
    /// <summary>The demo's one chat, as the console platform addresses it.</summary>
    public static readonly ChatAddress DemoChat = new(ChatPlatform.Console, "demo-study-group");

    public static async Task<int> RunAsync(CommandLine cli, IHost host, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(host);
        var services = host.Services;
        var configuration = services.GetRequiredService<IConfiguration>();
        var dispatcher = services.GetRequiredService<ICommandDispatcher>();
        var time = services.GetRequiredService<TimeProvider>();
        var renderer = services.GetRequiredService<PlainTextReportRenderer>();
        var images = services.GetRequiredService<ImageFolder>();
        var console = services.GetRequiredService<ConsoleChatSender>();
        var output = services.GetRequiredService<ConsoleOutput>();
        var language = LanguageExtensions.FromPlatformLocale(cli.Language ?? configuration["Demo:Language"]);
        var window = ReadTimeSpan(configuration["Demo:ReplayWindow"], TimeSpan.FromHours(26));
        var budget = ReadTimeSpan(configuration["Demo:MaxRealTime"], TimeSpan.FromSeconds(50));
        // Scenario time stands still while the chat is set up and questions are answered; it runs with the worker.
        var hold = services.GetService<HoldableTimeProvider>();

        var start = time.GetUtcNow();
        await output.WriteBlockAsync(
            $"DerivBot demo — replay venue '{services.GetRequiredService<IMarketData>().VenueName}', scenario clock {start:yyyy-MM-dd HH:mm} UTC, " +
            $"replaying {window.TotalHours:0} h of market time into the console (language {language.ToCode()}; images → {images.Path}).",
            cancellationToken).ConfigureAwait(false);

        async Task Ask(string text)
        {
            var (command, args) = AskVerb.SplitCommand(text);
            if (!dispatcher.IsKnown(command))
            {
                return;
            }
            await output.WriteBlockAsync($"\n>>> /{command} {args}".TrimEnd(), cancellationToken).ConfigureAwait(false);
            var request = new CommandRequest(DemoChat, ChatKind.Group, "demo-admin", language, command, args,
                _ => Task.FromResult(true), time.GetUtcNow());
            var result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var reply in result.Replies)
            {
                var body = renderer.Render(reply.Report);
                if (reply.Image is not null)
                {
                    body += $"[image: {await images.SaveAsync(reply.Image, cancellationToken).ConfigureAwait(false)}]\n";
                }
                await output.WriteBlockAsync(body, cancellationToken).ConfigureAwait(false);
            }
        }

        // The study group's admin sets the chat up exactly as they would in Telegram or Discord.
        foreach (var line in SetupCommands(language))
        {
            await Ask(line).ConfigureAwait(false);
        }
        // Then members ask, while leverage builds up before the cascade.
        await output.WriteBlockAsync($"\n=== {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC: members ask ===", cancellationToken).ConfigureAwait(false);
        foreach (var line in QuestionsBefore)
        {
            await Ask(line).ConfigureAwait(false);
        }

        await output.WriteBlockAsync(
            $"\n=== the worker runs from {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC: scheduled digests and alerts follow, as the chat sees them ===",
            cancellationToken).ConfigureAwait(false);
        hold?.Release();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var realStart = System.Diagnostics.Stopwatch.StartNew();
        // Mid-cascade a member compares venues: where the leverage was, and who was paying whom, as the flush runs.
        var compareAt = CascadeQuestionTime(services) is { } cascade && cascade > start ? cascade : (DateTimeOffset?)null;
        try
        {
            while (time.GetUtcNow() - start < window && realStart.Elapsed < budget)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                if (compareAt is { } at && time.GetUtcNow() >= at)
                {
                    compareAt = null;
                    await output.WriteBlockAsync($"\n=== {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC: during the cascade, a member compares venues ===", cancellationToken)
                        .ConfigureAwait(false);
                    await Ask(CascadeQuestion).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            using var stopBudget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stopBudget.Token).ConfigureAwait(false);
            hold?.Hold();
        }

        // After the flush: the same questions, answered from what the worker collected.
        await output.WriteBlockAsync($"\n=== {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC: after the cascade, members ask again ===", cancellationToken)
            .ConfigureAwait(false);
        foreach (var line in QuestionsAfter)
        {
            await Ask(line).ConfigureAwait(false);
        }
        // Every scenario symbol gets its heatmap and its history chart, so a study group has the full set of images.
        foreach (var symbol in ScenarioSymbols(services))
        {
            await Ask($"/liq {symbol}").ConfigureAwait(false);
            await Ask($"/chart {symbol} 7d").ConfigureAwait(false);
        }

        await output.WriteBlockAsync(
            $"\n=== demo finished: replayed {start:yyyy-MM-dd HH:mm} → {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC, " +
            $"{console.Sent} scheduled message(s) posted, images in {images.Path} ===",
            cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static IEnumerable<string> SetupCommands(Language language)
    {
        yield return $"/lang {language.ToCode()}";
        if (language != Language.En)
        {
            yield return language == Language.ZhTw ? "/tz Asia/Taipei" : "/tz Asia/Shanghai";
        }
        yield return "/subscribe BTC quadrant every 4h";
        yield return "/subscribe ETH liq every 6h";
        yield return "/subscribe BTC signal daily 08:00";
        yield return "/alert BTC quadrant";
        yield return "/alert ETH liq5m > 5m";
        yield return "/alert BTC funding > 0.03%";
        yield return "/subscribe BTC options daily 08:00";
        yield return "/alert BTC pcr > 0.9";
        yield return "/subs";
    }

    private static readonly string[] QuestionsBefore =
    [
        "/funding BTC", "/oi BTC", "/quadrant BTC", "/ls BTC", "/signal ETH", "/learn quadrant", "/options BTC",
    ];

    private static readonly string[] QuestionsAfter =
    [
        "/quadrant BTC", "/quadrant ETH", "/rsi BTC", "/funding ETH", "/signal BTC", "/options BTC",
    ];

    /// <summary>Asked once the replay clock is inside the cascade (the whole cross-venue view: rows, aggregate, chart).</summary>
    private const string CascadeQuestion = "/venues BTC";

    /// <summary>Twenty minutes into the scenario's cascade, when the demo replays it; otherwise never.</summary>
    private static DateTimeOffset? CascadeQuestionTime(IServiceProvider services) =>
        services.GetService<IMarketDataVenue>() is Venues.Replay.ReplayVenue venue
            ? venue.Scenario.CascadeStart + TimeSpan.FromMinutes(20)
            : null;

    private static IEnumerable<string> ScenarioSymbols(IServiceProvider services) =>
        services.GetService<IMarketDataVenue>() is Venues.Replay.ReplayVenue
            ? Venues.Replay.ReplayScenario.Default.Symbols.Select(s => s.Value)
            : ["BTCUSDT", "ETHUSDT"];

    private static TimeSpan ReadTimeSpan(string? text, TimeSpan fallback) =>
        TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : fallback;
}
