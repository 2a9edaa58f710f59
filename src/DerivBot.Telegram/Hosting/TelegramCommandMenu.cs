using System.Text.RegularExpressions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Telegram.Bot.Types;

namespace DerivBot.Telegram.Hosting;

/// <summary>One setMyCommands call: the list and its two-letter language code (null = the default list).</summary>
public sealed record TelegramCommandList(IReadOnlyList<BotCommand> Commands, string? LanguageCode);

/// <summary>Builds the setMyCommands lists from the dispatcher's commands: the English default list and one list
/// for <c>language_code = "zh"</c> (Telegram takes two-letter codes only, so one Chinese script serves both).</summary>
public static partial class TelegramCommandMenu
{
    private const int MaxCommands = 100;
    private const int MaxDescription = 256;

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex NamePattern();

    public static IReadOnlyList<TelegramCommandList> Build(IReadOnlyList<CommandInfo> commands, Language chinese)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return
        [
            new TelegramCommandList(List(commands, Language.En), null),
            new TelegramCommandList(List(commands, chinese), "zh"),
        ];
    }

    private static List<BotCommand> List(IReadOnlyList<CommandInfo> commands, Language language) =>
        commands
            .Where(c => NamePattern().IsMatch(c.Name))
            .Take(MaxCommands)
            .Select(c => new BotCommand(c.Name, Describe(c, language)))
            .ToList();

    private static string Describe(CommandInfo command, Language language)
    {
        var text = command.Descriptions.TryGetValue(language, out var d) && !string.IsNullOrWhiteSpace(d) ? d
            : command.Descriptions.TryGetValue(Language.En, out var en) && !string.IsNullOrWhiteSpace(en) ? en
            : command.Name;
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxDescription ? text : text[..(MaxDescription - 1)] + "…";
    }
}
