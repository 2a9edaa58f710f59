using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DerivBot.Host.Cli;

/// <summary>
/// <c>ask "/funding BTC" [--json] [--lang ..] [--replay]</c>: one command answered exactly as a chat would get it,
/// through the same dispatcher, handlers and reports. Text goes to stdout; an error report is one line on stderr
/// and exit code 1.
/// </summary>
public static class AskVerb
{
    public static readonly ChatAddress AskChat = new(ChatPlatform.Console, "ask");

    public static async Task<int> RunAsync(CommandLine cli, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(services);
        var dispatcher = services.GetRequiredService<ICommandDispatcher>();
        var time = services.GetRequiredService<TimeProvider>();
        var renderer = services.GetRequiredService<PlainTextReportRenderer>();
        var images = services.GetRequiredService<ImageFolder>();
        var language = LanguageExtensions.FromPlatformLocale(cli.Language);

        if (cli.Replay)
        {
            await PrimeReplayStreamAsync(services, cancellationToken).ConfigureAwait(false);
        }

        var (command, arguments) = SplitCommand(cli.AskText!);
        var request = new CommandRequest(AskChat, ChatKind.Private, "cli", language, command, arguments,
            _ => Task.FromResult(true), time.GetUtcNow());
        var result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);

        var exit = 0;
        foreach (var reply in result.Replies)
        {
            if (reply.Report.Kind == ReportKind.Error)
            {
                await stderr.WriteLineAsync(OneLine(renderer.Render(reply.Report))).ConfigureAwait(false);
                exit = 1;
                continue;
            }
            if (cli.Json)
            {
                await stdout.WriteLineAsync(ReportJson.Serialize(reply.Data ?? reply.Report)).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync(renderer.Render(reply.Report)).ConfigureAwait(false);
            }
            if (reply.Image is not null)
            {
                var path = await images.SaveAsync(reply.Image, cancellationToken).ConfigureAwait(false);
                if (!cli.Json)
                {
                    await stdout.WriteLineAsync($"[image: {path}]").ConfigureAwait(false);
                }
            }
        }
        return exit;
    }

    /// <summary>
    /// A running bot holds the liquidations its stream delivered; a one-shot <c>ask --replay</c> connects the replay
    /// stream just long enough to receive its backlog (the scenario's last day) and the first mark-price frame.
    /// </summary>
    private static async Task PrimeReplayStreamAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var stream = services.GetService<IMarketStream>();
        var handler = services.GetService<IMarketData>() as IMarketStreamHandler;
        if (stream is null || handler is null)
        {
            return;
        }
        var primed = new PrimingHandler(handler);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = stream.RunAsync(primed, cts.Token);
        await Task.WhenAny(primed.FirstMarkPrices, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }
    }

    private sealed class PrimingHandler(IMarketStreamHandler inner) : IMarketStreamHandler
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstMarkPrices => _first.Task;

        public void OnMarkPrices(IReadOnlyList<Core.Markets.PremiumIndex> updates)
        {
            inner.OnMarkPrices(updates);
            _first.TrySetResult();
        }

        public void OnLiquidation(Core.Markets.Liquidation liquidation) => inner.OnLiquidation(liquidation);

        public void OnStatus(StreamStatus status) => inner.OnStatus(status);
    }

    /// <summary>An error report as one line: "Title: message" without footer or button hints.</summary>
    public static string OneLine(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var body = rendered.Split("\n—\n", 2)[0];
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("→ ", StringComparison.Ordinal));
        return string.Join(" — ", lines);
    }

    /// <summary>"/funding@Bot BTC" → ("funding", "BTC"); the slash is optional.</summary>
    public static (string Command, string Arguments) SplitCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith('/'))
        {
            t = t[1..];
        }
        var space = t.IndexOfAny([' ', '\t']);
        var command = space < 0 ? t : t[..space];
        var args = space < 0 ? string.Empty : t[(space + 1)..].Trim();
        var at = command.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            command = command[..at];
        }
        return (command.ToLowerInvariant(), args);
    }
}
