using DerivBot.Core.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

public sealed partial class CommandDispatcher
{
    private CommandResult Help(CommandRequest request, Texts t)
    {
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count > 1)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1))));
        }
        if (args.Count == 1)
        {
            var wanted = CommandArguments.NormalizeName(args[0]);
            if (!_routes.TryGetValue(wanted, out var route))
            {
                return Error(t["error.unknownCommand.title"], t.Get("error.unknownCommand.body", ("command", wanted)), t, withHelpButton: true);
            }
            return CommandResult.Of(CommandHelp(route.Info, t));
        }

        var items = Commands
            .Select(c => (IReadOnlyList<TextRun>)[new TextRun(CommandCatalog.Syntax(c, t), TextStyle.Code), new TextRun(" — " + Description(c, t))])
            .ToList();
        var blocks = new List<ReportBlock>
        {
            ParagraphBlock.Of(t["help.intro"]),
            new ListBlock(items),
            ParagraphBlock.Of(t["help.more"]),
            new NoteBlock(t["help.disclaimer"]),
        };
        var actions = new List<ReportAction>();
        ReportParts.Add(actions, t["action.funding"], "funding BTCUSDT");
        ReportParts.Add(actions, t["action.quadrant"], "quadrant BTCUSDT");
        ReportParts.Add(actions, t["learn.index.title"], "learn");
        return CommandResult.Of(new Report(ReportKind.Help, t["help.title"], blocks, Actions: actions));
    }

    private static Report CommandHelp(CommandInfo info, Texts t)
    {
        var blocks = new List<ReportBlock>
        {
            ParagraphBlock.Of(Description(info, t)),
            ParagraphBlock.Of(t.Get("error.usage.syntax", ("syntax", CommandCatalog.Syntax(info, t)))),
        };
        if (CommandCatalog.Example(info) is { } example)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("error.usage.example", ("example", example))));
        }
        if (info.Options.Count > 0)
        {
            blocks.Add(new FieldsBlock(info.Options
                .Select(o => new ReportField(o.Name, o.Descriptions.TryGetValue(t.Language, out var od) ? od : o.Name, Inline: false))
                .ToList()));
        }
        if (info.Aliases.Count > 0)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("help.aliases", ("aliases", string.Join(t["common.listSeparator"], info.Aliases.Select(a => "/" + a))))));
        }
        if (info.ChangesSettings)
        {
            blocks.Add(new NoteBlock(t["help.adminOnly"]));
        }
        return new Report(ReportKind.Help, t.Get("help.command.title", ("command", info.Name)), blocks);
    }

    /// <summary>The command's description in the chat's language (handlers of other areas may have registered fewer languages).</summary>
    private static string Description(CommandInfo info, Texts t) =>
        info.Descriptions.TryGetValue(t.Language, out var d) ? d
        : info.Descriptions.TryGetValue(Core.Localization.Language.En, out var en) ? en
        : info.Name;
}
