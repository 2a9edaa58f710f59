using System.Text;
using DerivBot.Core.Reports;
using Telegram.Bot.Types.ReplyMarkups;

namespace DerivBot.Telegram.Formatting;

/// <summary>
/// Lays a <see cref="Report"/> out as Telegram HTML. Wording comes from the report (already localized); this class
/// decides only tags, line breaks and escaping, and every dynamic string goes through <see cref="TelegramHtml.Escape"/>.
/// </summary>
public sealed class TelegramHtmlRenderer
{
    /// <summary>sendMessage text limit, visible characters after entity parsing.</summary>
    public const int MessageLimit = 4096;

    /// <summary>sendPhoto caption limit, visible characters after entity parsing.</summary>
    public const int CaptionLimit = 1024;

    /// <summary>callback_data limit in bytes.</summary>
    public const int CallbackDataLimit = 64;

    private const int ButtonsPerRow = 3;

    /// <summary>The whole report as one HTML string (may exceed the limits; see <see cref="RenderMessages"/>).</summary>
    public string Render(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder(256);
        sb.Append(ToneMark(report.Tone)).Append("<b>").Append(TelegramHtml.Escape(report.Title)).Append("</b>");
        foreach (var block in report.Blocks)
        {
            sb.Append("\n\n");
            AppendBlock(sb, block);
        }
        if (!string.IsNullOrWhiteSpace(report.Footer))
        {
            sb.Append("\n\n<i>").Append(TelegramHtml.Escape(report.Footer)).Append("</i>");
        }
        return sb.ToString();
    }

    /// <summary>The report as one or more messages of at most 4096 visible characters, split on line boundaries.</summary>
    public IReadOnlyList<string> RenderMessages(Report report) => TelegramHtml.Split(Render(report), MessageLimit);

    /// <summary>The report as a photo caption; when it is longer than 1024 the caption is the headline and the full
    /// text follows as messages.</summary>
    public TelegramPhotoLayout RenderPhoto(Report report)
    {
        var html = Render(report);
        if (TelegramHtml.VisibleLength(html) <= CaptionLimit)
        {
            return new TelegramPhotoLayout(html, []);
        }
        var headline = ToneMark(report.Tone) + "<b>" + TelegramHtml.Escape(report.Title) + "</b>";
        return new TelegramPhotoLayout(TelegramHtml.Truncate(headline, CaptionLimit), TelegramHtml.Split(html, MessageLimit));
    }

    /// <summary>The inline keyboard for <see cref="Report.Actions"/>; actions whose command exceeds 64 bytes are left out.</summary>
    public InlineKeyboardMarkup? Keyboard(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buttons = report.ActionsOrEmpty
            .Where(a => !string.IsNullOrWhiteSpace(a.Command) && Encoding.UTF8.GetByteCount(a.Command) <= CallbackDataLimit)
            .Select(a => InlineKeyboardButton.WithCallbackData(a.Label, a.Command))
            .ToList();
        if (buttons.Count == 0)
        {
            return null;
        }
        return new InlineKeyboardMarkup(buttons.Chunk(ButtonsPerRow));
    }

    private static string ToneMark(ReportTone tone) => tone switch
    {
        ReportTone.Bullish => "🟢 ",
        ReportTone.Bearish => "🔴 ",
        ReportTone.Warning => "⚠️ ",
        ReportTone.Error => "⛔ ",
        _ => "",
    };

    private static void AppendBlock(StringBuilder sb, ReportBlock block)
    {
        switch (block)
        {
            case ParagraphBlock p:
                AppendLines(sb, p.Lines, prefix: "");
                break;
            case HeadingBlock h:
                sb.Append("<b>").Append(TelegramHtml.Escape(h.Text)).Append("</b>");
                break;
            case FieldsBlock f:
                for (var i = 0; i < f.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('\n');
                    }
                    sb.Append(TelegramHtml.Escape(f.Fields[i].Label)).Append(": <b>").Append(TelegramHtml.Escape(f.Fields[i].Value)).Append("</b>");
                }
                break;
            case ListBlock l:
                AppendLines(sb, l.Items, prefix: "• ");
                break;
            case NoteBlock n:
                sb.Append("<blockquote>").Append(TelegramHtml.Escape(n.Text)).Append("</blockquote>");
                break;
            case QuizBlock q:
                // Normally sent as a native quiz poll (TelegramMessenger); as text only when a poll cannot be sent.
                sb.Append("<b>").Append(TelegramHtml.Escape(q.Question)).Append("</b>");
                for (var i = 0; i < q.Options.Count; i++)
                {
                    sb.Append('\n').Append((char)('A' + i)).Append(". ").Append(TelegramHtml.Escape(q.Options[i]));
                }
                break;
            default:
                throw new NotSupportedException($"No Telegram layout for report block {block.GetType().Name}.");
        }
    }

    private static void AppendLines(StringBuilder sb, IReadOnlyList<IReadOnlyList<TextRun>> lines, string prefix)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }
            sb.Append(prefix);
            foreach (var run in lines[i])
            {
                var text = TelegramHtml.Escape(run.Text);
                switch (run.Style)
                {
                    case TextStyle.Bold: sb.Append("<b>").Append(text).Append("</b>"); break;
                    case TextStyle.Italic: sb.Append("<i>").Append(text).Append("</i>"); break;
                    case TextStyle.Code: sb.Append("<code>").Append(text).Append("</code>"); break;
                    default: sb.Append(text); break;
                }
            }
        }
    }
}
