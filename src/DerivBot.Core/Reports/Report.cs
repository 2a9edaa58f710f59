namespace DerivBot.Core.Reports;

/// <summary>
/// The one report model every chat platform renders. It is already localized: every string in it is final text in
/// the chat's language. Renderers (Telegram HTML, Discord embed, console) only decide layout and escaping, never wording.
/// </summary>
/// <param name="Title">Short headline, e.g. "BTCUSDT · Funding" (≤ 256 characters).</param>
/// <param name="Footer">Provenance line: venue, data time, "stale" mark (already localized), or null.</param>
/// <param name="Actions">Buttons (Telegram inline keyboard, Discord components); each re-runs a command.</param>
public sealed record Report(
    ReportKind Kind,
    string Title,
    IReadOnlyList<ReportBlock> Blocks,
    string? Footer = null,
    IReadOnlyList<ReportAction>? Actions = null,
    ReportTone Tone = ReportTone.Neutral)
{
    public IReadOnlyList<ReportAction> ActionsOrEmpty => Actions ?? [];
}

public enum ReportKind
{
    Funding, OpenInterest, Quadrant, Liquidations, LongShort, Rsi, Dashboard, Chart,
    Lesson, Help, Subscriptions, Alerts, AlertFired, Digest, Settings, Info, Error,
    Venues,
    /// <summary>Options positioning (<c>/options</c>).</summary>
    Options,
    Quiz,
}

/// <summary>Colour hint (Discord embed colour, an emoji on Telegram).</summary>
public enum ReportTone { Neutral, Bullish, Bearish, Warning, Error }

/// <summary>A piece of a report. Renderers must handle every subtype.</summary>
public abstract record ReportBlock;

/// <summary>A run of text; the renderer escapes it.</summary>
public enum TextStyle { Plain, Bold, Italic, Code }

public readonly record struct TextRun(string Text, TextStyle Style = TextStyle.Plain)
{
    public static implicit operator TextRun(string text) => new(text);
}

/// <summary>A paragraph: one or more lines, each a sequence of styled runs.</summary>
public sealed record ParagraphBlock(IReadOnlyList<IReadOnlyList<TextRun>> Lines) : ReportBlock
{
    public static ParagraphBlock Of(params TextRun[] runs) => new([runs]);
}

/// <summary>A sub-heading inside a report.</summary>
public sealed record HeadingBlock(string Text) : ReportBlock;

/// <summary>Label/value pairs. Telegram renders "label: value" lines; Discord renders embed fields.</summary>
public sealed record FieldsBlock(IReadOnlyList<ReportField> Fields) : ReportBlock;

/// <param name="Inline">Discord may show inline fields side by side.</param>
public sealed record ReportField(string Label, string Value, bool Inline = true);

/// <summary>A bulleted list.</summary>
public sealed record ListBlock(IReadOnlyList<IReadOnlyList<TextRun>> Items) : ReportBlock;

/// <summary>A caveat or explanation shown in a quieter style.</summary>
public sealed record NoteBlock(string Text) : ReportBlock;

/// <summary>A button that re-runs a command in the same chat, e.g. Label "Refresh", Command "quadrant BTCUSDT".</summary>
/// <param name="Command">Command name and arguments without the slash; at most 60 bytes so it fits Telegram's callback_data.</param>
public sealed record ReportAction(string Label, string Command);
