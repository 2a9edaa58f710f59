using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Study;

/// <summary><c>/quiz SYMBOL [quadrant|venues|funding|liq]</c>: a question from live data; the quadrant one unless a kind is named.</summary>
public sealed class QuizCommand(QuizMaker maker, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("quiz", [], CommandCatalog.Describe(localizer, "cmd.quiz.description"), false,
        [
            CommandCatalog.SymbolOption(localizer),
            new CommandOption("kind", CommandCatalog.Describe(localizer, "opt.quizKind.description"), CommandOptionKind.Choice, Required: false, QuizMaker.KindWords),
        ]),
    ];

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => maker.AskAsync(request, cancellationToken);
}

/// <summary><c>/scores</c>: the chat's quiz players best first, by @username or first name, with right/total.</summary>
public sealed class ScoresCommand(IQuizStore store, ILocalizer localizer, IOptions<QuizOptions> options) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("scores", ["leaderboard"], CommandCatalog.Describe(localizer, "cmd.scores.description"), false, []),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = new Texts(localizer, request.Language);
        var scores = await store.GetScoresAsync(request.Chat with { ThreadId = null }, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false);
        return CommandResult.Of(Build(scores.Take(options.Value.ScoreboardSize).ToList(), t), data: scores.Select(s => new { s.DisplayName, s.Right, s.Total }).ToList());
    }

    /// <summary>The scoreboard report: "1. @alice — 5/7".</summary>
    public static Report Build(IReadOnlyList<QuizScore> scores, Texts t)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return new Report(ReportKind.Quiz, t["scores.title"], [new NoteBlock(t["scores.empty"])]);
        }
        var items = scores.Select((s, i) => (IReadOnlyList<TextRun>)
        [
            new TextRun(t.Get("scores.line", ("rank", (i + 1).ToString(CultureInfo.InvariantCulture)), ("name", s.DisplayName),
                ("right", s.Right.ToString(CultureInfo.InvariantCulture)), ("total", s.Total.ToString(CultureInfo.InvariantCulture)))),
        ]).ToList();
        return new Report(ReportKind.Quiz, t["scores.title"], [new ListBlock(items)]);
    }
}
