namespace DerivBot.Core.Reports;

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
