using DerivBot.Core.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

public sealed partial class CommandDispatcher
{
    private CommandResult Usage(CommandInfo info, CommandUsageException ex, Texts t)
    {
        var blocks = new List<ReportBlock>();
        var detail = ex.Detail ?? (ex.DetailKey is { } key ? t.Get(key, [.. ex.DetailArgs]) : null);
        if (detail is not null)
        {
            blocks.Add(ParagraphBlock.Of(detail));
        }
        blocks.Add(ParagraphBlock.Of(t.Get("error.usage.syntax", ("syntax", CommandCatalog.Syntax(info, t)))));
        if (CommandCatalog.Example(info) is { } example)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("error.usage.example", ("example", example))));
        }
        var actions = new List<ReportAction>();
        ReportParts.Add(actions, t["action.help"], "help " + info.Name);
        return CommandResult.Of(new Report(ReportKind.Error, t.Get("error.usage.title", ("command", info.Name)), blocks, Actions: actions, Tone: ReportTone.Error));
    }

    private static CommandResult SymbolNotFound(CommandInfo info, CommandRequest request, string input, IReadOnlyList<Symbol> suggestions, Texts t)
    {
        var blocks = new List<ReportBlock> { ParagraphBlock.Of(t.Get("error.symbol.body", ("input", input))) };
        var actions = new List<ReportAction>();
        if (suggestions.Count > 0)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("error.symbol.suggestions", ("list", string.Join(t["common.listSeparator"], suggestions.Select(s => s.Value))))));
            foreach (var s in suggestions)
            {
                ReportParts.Add(actions, s.Value, info.Name + " " + CommandArguments.ReplaceToken(request.Arguments, input, s.Value));
            }
        }
        else
        {
            blocks.Add(ParagraphBlock.Of(t["error.symbol.noSuggestions"]));
        }
        return CommandResult.Of(new Report(ReportKind.Error, t["error.symbol.title"], blocks, Actions: actions, Tone: ReportTone.Error));
    }

    private static CommandResult Error(string title, string line, Texts t, bool withHelpButton = false)
    {
        var actions = new List<ReportAction>();
        if (withHelpButton)
        {
            ReportParts.Add(actions, t["action.help"], "help");
        }
        return CommandResult.Of(new Report(ReportKind.Error, title, [ParagraphBlock.Of(line)], Actions: actions, Tone: ReportTone.Error));
    }
}
