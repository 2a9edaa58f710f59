using System.Text;
using System.Text.Json.Nodes;
using DerivBot.Core.Chat;
using DerivBot.Core.Reports;
using DerivBot.Discord.Rest;

namespace DerivBot.Discord.Rendering;

/// <summary>
/// Lays a <see cref="Report"/> out as Discord embeds (layout only: every word comes from the report). Text blocks
/// become the description, <see cref="FieldsBlock"/>s become embed fields, text after fields becomes full-width
/// fields so the order is kept. Discord's limits (apis.md D.3), measured after trimming, are never exceeded: long
/// text is split on line breaks, and what does not fit one embed continues in further messages ("Title · 2/3").
/// The chart goes on the first message as <c>attachment://</c>, the buttons on the last.
/// </summary>
public sealed partial class DiscordEmbedRenderer
{
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldCountLimit = 25;
    public const int FieldNameLimit = 256;
    public const int FieldValueLimit = 1024;
    public const int FooterLimit = 2048;
    public const int TotalLimit = 6000;
    public const int ButtonsPerRow = 5;
    public const int MaxRows = 5;
    public const int ButtonLabelLimit = 80;
    public const int CustomIdLimit = 100;

    /// <summary>Discord flag SUPPRESS_NOTIFICATIONS (1 &lt;&lt; 12): the message arrives without a push notification.</summary>
    public const int SuppressNotificationsFlag = 1 << 12;

    // A zero-width space: Discord needs a non-empty field name/value; this one shows nothing.
    internal const string Blank = "\u200b";

    // Room kept in the title for " · 12/34" on continuation embeds.
    private const int ContinuationSuffixRoom = 12;

    internal static int ColorOf(ReportTone tone) => tone switch
    {
        ReportTone.Bullish => 0x2ECC71,
        ReportTone.Bearish => 0xE74C3C,
        ReportTone.Warning => 0xF1C40F,
        ReportTone.Error => 0xED4245,
        _ => 0x5865F2,
    };

    /// <summary>The embeds of <paramref name="report"/>, one per message, in order.</summary>
    internal IReadOnlyList<DiscordEmbed> RenderEmbeds(Report report, string? imageFileName = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = Clip(Tidy(report.Title), TitleLimit);
        var footer = report.Footer is null ? null : NullIfEmpty(Clip(Tidy(report.Footer), FooterLimit));
        var titleCost = Math.Min(TitleLimit, title.Length + ContinuationSuffixRoom);
        var budget = TotalLimit - titleCost - (footer?.Length ?? 0);
        var units = BuildUnits(report.Blocks, Math.Min(DescriptionLimit, budget));

        var pages = new List<Page>();
        var page = new Page();
        pages.Add(page);
        foreach (var unit in units)
        {
            if (unit.Description is { } text)
            {
                if (page.Description is not null || page.Fields.Count > 0)
                {
                    page = new Page();
                    pages.Add(page);
                }
                page.Description = text;
                page.Used += text.Length;
            }
            else if (unit.Field is { } field)
            {
                var cost = field.Name.Length + field.Value.Length;
                if (page.Fields.Count >= FieldCountLimit || page.Used + cost > budget)
                {
                    page = new Page();
                    pages.Add(page);
                }
                page.Fields.Add(field);
                page.Used += cost;
            }
        }

        var color = ColorOf(report.Tone);
        var embeds = new List<DiscordEmbed>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var pageTitle = pages.Count == 1 ? title : ContinuationTitle(report.Title, i + 1, pages.Count);
            var description = pages[i].Description;
            if (description is null && pages[i].Fields.Count == 0 && pageTitle.Length == 0)
            {
                description = Blank;
            }
            embeds.Add(new DiscordEmbed(pageTitle, description, pages[i].Fields, footer, color, i == 0 ? imageFileName : null));
        }
        return embeds;
    }

    /// <summary>Messages ready to send: embeds, buttons on the last, the image (if any) attached to the first.</summary>
    internal IReadOnlyList<DiscordMessage> Render(Report report, ChartImage? image = null, bool silent = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fileName = image is null ? null : SafeFileName(image.FileName);
        var embeds = RenderEmbeds(report, fileName);
        var messages = new List<DiscordMessage>(embeds.Count);
        for (var i = 0; i < embeds.Count; i++)
        {
            var payload = new JsonObject
            {
                ["embeds"] = new JsonArray(embeds[i].ToJson()),
                // Never ping anyone, whatever a report's text contains.
                ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
            };
            if (silent)
            {
                payload["flags"] = SuppressNotificationsFlag;
            }
            var files = new List<DiscordFile>();
            if (i == 0 && image is not null && fileName is not null)
            {
                var alt = NullIfEmpty(Clip(Tidy(image.AltText), 1024));
                var attachment = new JsonObject { ["id"] = 0, ["filename"] = fileName };
                if (alt is not null)
                {
                    attachment["description"] = alt;
                }
                payload["attachments"] = new JsonArray(attachment);
                files.Add(new DiscordFile(fileName, image.Png, "image/png", alt));
            }
            var last = i == embeds.Count - 1;
            var quiz = last ? report.Quiz() : null;
            if (last && (quiz is not null ? QuizComponents(quiz) : Components(report.ActionsOrEmpty)) is { } components)
            {
                payload["components"] = components;
            }
            messages.Add(new DiscordMessage(embeds[i], payload, files) { QuizId = quiz?.QuizId });
        }
        return messages;
    }

    /// <summary>Attachment names Discord accepts in <c>attachment://</c>: ASCII letters, digits, dot, dash, underscore; .png.</summary>
    internal static string SafeFileName(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(name ?? ""))
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }
        var stem = sb.Length == 0 ? "chart" : sb.ToString();
        return (stem.Length > 60 ? stem[..60] : stem) + ".png";
    }

    private static string ContinuationTitle(string title, int index, int count)
    {
        var suffix = $" · {index}/{count}";
        return Clip(Tidy(title), TitleLimit - suffix.Length) + suffix;
    }

    private static List<Unit> BuildUnits(IReadOnlyList<ReportBlock> blocks, int descriptionLimit)
    {
        var units = new List<Unit>();
        var text = new StringBuilder();
        string? pendingHeading = null;
        var afterFields = false;

        void FlushText()
        {
            var value = Tidy(text.ToString());
            text.Clear();
            if (!afterFields)
            {
                foreach (var chunk in Split(value, descriptionLimit))
                {
                    units.Add(new Unit(chunk, null));
                }
                return;
            }
            if (value.Length == 0 && pendingHeading is null)
            {
                return;
            }
            AddField(units, pendingHeading ?? Blank, value, inline: false);
            pendingHeading = null;
        }

        void AppendText(string block)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }
            text.Append(block);
        }

        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h when afterFields:
                    FlushText();
                    pendingHeading = DiscordMarkdown.Escape(Tidy(h.Text));
                    break;
                case HeadingBlock h:
                    AppendText("**" + DiscordMarkdown.Escape(Tidy(h.Text)) + "**");
                    break;
                case ParagraphBlock p:
                    AppendText(string.Join('\n', p.Lines.Select(DiscordMarkdown.Line)));
                    break;
                case ListBlock l:
                    AppendText(string.Join('\n', l.Items.Select(i => "• " + DiscordMarkdown.Line(i))));
                    break;
                case QuizBlock q:
                    // The answer is not shown: buttons collect answers and the reveal comes when the quiz closes.
                    AppendText("**" + DiscordMarkdown.Escape(Tidy(q.Question)) + "**\n"
                        + string.Join('\n', q.Options.Select((o, i) => (char)('A' + i) + ". " + DiscordMarkdown.Escape(Tidy(o)))));
                    break;
                case NoteBlock n:
                    AppendText(string.Join('\n', Tidy(n.Text).Split('\n').Select(line => line.Trim().Length == 0 ? "" : "*" + DiscordMarkdown.Escape(line.Trim()) + "*")));
                    break;
                case FieldsBlock f:
                    FlushText();
                    afterFields = true;
                    foreach (var field in f.Fields)
                    {
                        AddField(units, DiscordMarkdown.Escape(Tidy(field.Label)), DiscordMarkdown.Escape(Tidy(field.Value)), field.Inline);
                    }
                    break;
                default:
                    throw new NotSupportedException($"Report block {block.GetType().Name} has no Discord layout.");
            }
        }
        FlushText();
        return units;
    }

    private static void AddField(List<Unit> units, string name, string value, bool inline)
    {
        var fieldName = NullIfEmpty(Clip(name, FieldNameLimit)) ?? Blank;
        var chunks = Split(value, FieldValueLimit);
        if (chunks.Count == 0)
        {
            chunks = [Blank];
        }
        for (var i = 0; i < chunks.Count; i++)
        {
            // A value too long for one field continues in the next ones under a blank name.
            units.Add(new Unit(null, new DiscordEmbedField(i == 0 ? fieldName : Blank, chunks[i], inline && chunks.Count == 1)));
        }
    }

    /// <summary>Splits trimmed text into trimmed chunks of at most <paramref name="limit"/>, preferring line breaks, then spaces.</summary>
    internal static List<string> Split(string text, int limit)
    {
        var chunks = new List<string>();
        var rest = text.Trim();
        while (rest.Length > 0)
        {
            if (rest.Length <= limit)
            {
                chunks.Add(rest);
                break;
            }
            var cut = rest.LastIndexOf('\n', limit - 1, limit);
            if (cut < limit / 2)
            {
                var space = rest.LastIndexOf(' ', limit - 1, limit);
                cut = space >= limit / 2 ? space : limit;
            }
            if (cut <= 0)
            {
                cut = limit;
            }
            // Never cut a surrogate pair in half, nor leave a lone escaping backslash at the end.
            if (char.IsHighSurrogate(rest[cut - 1]))
            {
                cut--;
            }
            if (cut > 1 && rest[cut - 1] == '\\' && rest[cut - 2] != '\\')
            {
                cut--;
            }
            var chunk = rest[..cut].Trim();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }
            rest = rest[cut..].Trim();
        }
        return chunks;
    }

    private static string Tidy(string? text) => (text ?? "").Replace("\r", "", StringComparison.Ordinal).Trim();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>Cuts to <paramref name="limit"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    internal static string Clip(string text, int limit)
    {
        text = text.Trim();
        if (text.Length <= limit)
        {
            return text;
        }
        var cut = limit - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut].TrimEnd() + "…";
    }

    private sealed record Unit(string? Description, DiscordEmbedField? Field);

    private sealed class Page
    {
        public string? Description { get; set; }
        public List<DiscordEmbedField> Fields { get; } = [];
        public int Used { get; set; }
    }
}
