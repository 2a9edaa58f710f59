using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Commands;

/// <summary>Builds <see cref="CommandInfo"/>s with descriptions from the resource files, and their syntax lines.</summary>
public static class CommandCatalog
{
    /// <summary>The text of <paramref name="key"/> in every language.</summary>
    public static IReadOnlyDictionary<Language, string> Describe(ILocalizer localizer, string key)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return Enum.GetValues<Language>().ToDictionary(l => l, l => localizer.Get(l, key));
    }

    public static CommandOption SymbolOption(ILocalizer localizer, bool required = true) =>
        new("symbol", Describe(localizer, "opt.symbol.description"), CommandOptionKind.Symbol, required);

    /// <summary>"/chart &lt;symbol&gt; &lt;1d|3d|7d|30d&gt;": required options in angle brackets, optional ones in square brackets.</summary>
    public static string Syntax(CommandInfo info, Texts t)
    {
        ArgumentNullException.ThrowIfNull(info);
        var parts = new List<string> { "/" + info.Name };
        foreach (var option in info.Options)
        {
            var inner = option.Kind switch
            {
                CommandOptionKind.Symbol => t["placeholder.symbol"],
                CommandOptionKind.Choice when option.Choices is { Count: > 0 } choices => string.Join('|', choices),
                _ => t.Localizer.Has("placeholder." + option.Name) ? t["placeholder." + option.Name] : option.Name,
            };
            parts.Add(option.Required ? "<" + inner + ">" : "[" + inner + "]");
        }
        return string.Join(' ', parts);
    }

    /// <summary>A runnable example ("/funding BTC"), or null when an option has no obvious sample value.</summary>
    public static string? Example(CommandInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var parts = new List<string> { "/" + info.Name };
        foreach (var option in info.Options.Where(o => o.Required))
        {
            switch (option.Kind)
            {
                case CommandOptionKind.Symbol:
                    parts.Add("BTC");
                    break;
                case CommandOptionKind.Choice when option.Choices is { Count: > 0 } choices:
                    parts.Add(choices[0]);
                    break;
                default:
                    return null;
            }
        }
        return string.Join(' ', parts);
    }
}
