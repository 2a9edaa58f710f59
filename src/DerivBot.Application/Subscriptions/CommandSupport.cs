using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Subscriptions;

/// <summary>Pieces the subscription and alert handlers share: command metadata, symbol resolution, small report builders.</summary>
internal static class CommandSupport
{
    public static CommandInfo Info(SubscriptionTexts texts, string name, IReadOnlyList<string> aliases, params (string Name, string DescriptionKey, CommandOptionKind Kind, bool Required)[] options) =>
        new(name, aliases, texts.AllLanguages("cmd." + name), ChangesSettings: true,
            options.Select(o => new CommandOption(o.Name, texts.AllLanguages(o.DescriptionKey), o.Kind, o.Required)).ToList());

    /// <summary>Resolves symbol tokens against the venue universe; the first unknown one becomes an error report.</summary>
    public static async Task<(IReadOnlyList<Symbol> Symbols, Report? Error)> ResolveSymbolsAsync(
        IMarketData market, SubscriptionTexts texts, Language language, IReadOnlyList<string> tokens, string syntax, CancellationToken cancellationToken)
    {
        IReadOnlyList<Symbol> universe;
        try
        {
            universe = (await market.GetUniverseAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Symbol).ToList();
        }
        catch (VenueException)
        {
            return ([], texts.Error(language, texts.Get(language, "error.marketUnavailable")));
        }
        var result = new List<Symbol>();
        foreach (var token in tokens)
        {
            var resolution = SymbolResolver.Resolve(token, universe);
            if (resolution.Symbol is not { } symbol)
            {
                var message = texts.Format(language, "error.unknownSymbol", token.ToUpperInvariant());
                if (resolution.Suggestions.Count > 0)
                {
                    message += " " + texts.Format(language, "error.suggestions", string.Join(", ", resolution.Suggestions));
                }
                return ([], texts.Error(language, message, syntax));
            }
            if (!result.Contains(symbol))
            {
                result.Add(symbol);
            }
        }
        return (result, null);
    }

    /// <summary>"12", "#12" → 12; "all" → everything; anything else is matched against <paramref name="known"/> symbols.</summary>
    public static RemovalTarget? ParseRemoval(string arguments, IReadOnlyCollection<Symbol> known)
    {
        var t = arguments.Trim().TrimStart('#');
        if (t.Length == 0)
        {
            return null;
        }
        if (long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return RemovalTarget.ById(id);
        }
        if (t.ToLowerInvariant() is "all" or "everything" or "*" or "全部")
        {
            return RemovalTarget.Everything;
        }
        var resolution = SymbolResolver.Resolve(t, known);
        return resolution.Symbol is { } symbol ? RemovalTarget.BySymbol(symbol) : null;
    }

    public static Report Confirmation(ReportKind kind, string title, IReadOnlyList<string> lines, string? note = null)
    {
        var blocks = new List<ReportBlock>();
        if (lines.Count > 0)
        {
            blocks.Add(new ListBlock(lines.Select(l => (IReadOnlyList<TextRun>)[new TextRun(l)]).ToList()));
        }
        if (note is not null)
        {
            blocks.Add(new NoteBlock(note));
        }
        return new Report(kind, title, blocks);
    }
}
