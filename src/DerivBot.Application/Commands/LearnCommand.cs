using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary><c>/learn [topic]</c>: short lessons in the project's own words, in every language.</summary>
public sealed class LearnCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("learn", ["lesson"], CommandCatalog.Describe(localizer, "cmd.learn.description"), false,
            [new CommandOption("topic", CommandCatalog.Describe(localizer, "opt.topic.description"), CommandOptionKind.Choice, Required: false, LessonReports.Topics)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = CommandArguments.Split(request.Arguments);
        var ctx = await query.ContextAsync(request, cancellationToken).ConfigureAwait(false);
        if (args.Count == 0)
        {
            return CommandResult.Of(LessonReports.Index(ctx.T));
        }
        var topic = LessonReports.FindTopic(string.Join(' ', args));
        if (topic is null)
        {
            var topics = string.Join(ctx.T["common.listSeparator"], LessonReports.Topics);
            throw new CommandUsageException(ctx.T.Get("learn.unknownTopic", ("topic", string.Join(' ', args)), ("topics", topics)));
        }
        return CommandResult.Of(LessonReports.Lesson(topic, ctx.T));
    }
}
