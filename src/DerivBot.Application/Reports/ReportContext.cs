using System.Text;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>Everything a report builder needs besides the data: wording, the chat's zone and the instant "now".</summary>
/// <remarks>Builders are pure: the same (data, context) always gives the same report, so digests are reproducible.</remarks>
public sealed record ReportContext(Texts T, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public Language Language => T.Language;

    public string Time(DateTimeOffset instant) => TimeFormat.Instant(instant, Zone);

    public string Usd(decimal amount, bool signed = false) => NumberFormat.Usd(amount, Language, signed);

    public string Amount(decimal amount, bool signed = false) => NumberFormat.Amount(amount, Language, signed);

    public string Na => T["common.na"];

    public string List(IEnumerable<string> items) => string.Join(T["common.listSeparator"], items);
}

/// <summary>The views a symbol report can switch between with buttons.</summary>
public enum SymbolView { Funding, OpenInterest, Quadrant, Liquidations, LongShort, Rsi, Dashboard }

/// <summary>Footer and buttons shared by every symbol report.</summary>
public static class ReportParts
{
    /// <summary>Telegram's callback_data limit; longer commands are not offered as buttons.</summary>
    public const int MaxActionBytes = 60;

    private static readonly (SymbolView View, string Command, string Key)[] Switchable =
    [
        (SymbolView.Funding, "funding", "action.funding"),
        (SymbolView.OpenInterest, "oi", "action.oi"),
        (SymbolView.Quadrant, "quadrant", "action.quadrant"),
        (SymbolView.Liquidations, "liq", "action.liq"),
    ];

    /// <summary>"Source: Binance · data as of 2025-10-10 08:00 UTC", plus the stale mark when <see cref="MarketSnapshot.IsStale"/>.</summary>
    public static string Footer(MarketSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var footer = ctx.T.Get("footer.source", ("venue", VenueName(snapshot.Venue)), ("time", ctx.Time(snapshot.DataTime)));
        if (snapshot.IsStale(ctx.Now))
        {
            footer += " · " + ctx.T.Get("footer.stale", ("ago", TimeFormat.Ago(snapshot.DataTime, ctx.Now, ctx.T)));
            if (snapshot.RefreshFailed)
            {
                footer += " (" + ctx.T["footer.refreshFailed"] + ")";
            }
        }
        return footer;
    }

    /// <summary>Buttons to the other views of <paramref name="symbol"/> and a Refresh that re-runs <paramref name="refreshCommand"/>.</summary>
    public static IReadOnlyList<ReportAction> ViewActions(Symbol symbol, SymbolView current, string refreshCommand, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var actions = new List<ReportAction>();
        foreach (var (view, command, key) in Switchable)
        {
            if (view != current)
            {
                Add(actions, ctx.T[key], command + " " + symbol.Value);
            }
        }
        Add(actions, ctx.T["action.refresh"], refreshCommand);
        return actions;
    }

    /// <summary>Adds the action when its command fits Telegram's callback_data.</summary>
    public static void Add(List<ReportAction> actions, string label, string command)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (Encoding.UTF8.GetByteCount(command) <= MaxActionBytes)
        {
            actions.Add(new ReportAction(label, command));
        }
    }

    /// <summary>Venue ids are lower-case ("binance"); footers show them capitalized.</summary>
    public static string VenueName(string venue) =>
        string.IsNullOrEmpty(venue) ? venue : char.ToUpperInvariant(venue[0]) + venue[1..];

    /// <summary>The asset OI is counted in: the contract's base asset, else the symbol without its quote.</summary>
    public static string BaseAsset(MarketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Contract is { } c && !string.IsNullOrEmpty(c.BaseAsset))
        {
            return c.BaseAsset;
        }
        var s = snapshot.Symbol.Value;
        foreach (var quote in new[] { "USDT", "USDC" })
        {
            if (s.Length > quote.Length && s.EndsWith(quote, StringComparison.Ordinal))
            {
                return s[..^quote.Length];
            }
        }
        return s;
    }

    /// <summary>Multi-line text from a resource: "• " lines become a list, other lines paragraphs.</summary>
    public static IReadOnlyList<ReportBlock> Prose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<ReportBlock>();
        var bullets = new List<IReadOnlyList<TextRun>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("• ", StringComparison.Ordinal))
            {
                bullets.Add([new TextRun(line[2..])]);
                continue;
            }
            if (bullets.Count > 0)
            {
                blocks.Add(new ListBlock([.. bullets]));
                bullets.Clear();
            }
            blocks.Add(ParagraphBlock.Of(line));
        }
        if (bullets.Count > 0)
        {
            blocks.Add(new ListBlock([.. bullets]));
        }
        return blocks;
    }
}
