using System.Text;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>
/// Renders a <see cref="Report"/> as plain text for the console transport and <c>ask</c>: no markup, fields as
/// "label: value", lists with "• ", notes in parentheses, the footer after a rule, buttons listed at the end as
/// hints ("→ Open interest: /oi BTCUSDT"). Layout only: every word comes from the report.
/// </summary>
public sealed class PlainTextReportRenderer
{
    public string Render(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(report.Title).Append('\n');
        foreach (var block in report.Blocks)
        {
            sb.Append('\n');
            switch (block)
            {
                case ParagraphBlock p:
                    foreach (var line in p.Lines)
                    {
                        AppendRuns(sb, line);
                        sb.Append('\n');
                    }
                    break;
                case HeadingBlock h:
                    sb.Append(h.Text).Append('\n');
                    break;
                case FieldsBlock f:
                    foreach (var field in f.Fields)
                    {
                        sb.Append(field.Label).Append(": ").Append(field.Value).Append('\n');
                    }
                    break;
                case ListBlock l:
                    foreach (var item in l.Items)
                    {
                        sb.Append("• ");
                        AppendRuns(sb, item);
                        sb.Append('\n');
                    }
                    break;
                case NoteBlock n:
                    sb.Append('(').Append(n.Text).Append(")\n");
                    break;
                case QuizBlock q:
                    // The console is one reader asking on purpose: question, lettered options, then the answer.
                    sb.Append(q.Question).Append('\n');
                    for (var i = 0; i < q.Options.Count; i++)
                    {
                        sb.Append((char)('A' + i)).Append(". ").Append(q.Options[i]).Append('\n');
                    }
                    sb.Append("→ ").Append((char)('A' + q.CorrectOption)).Append(". ").Append(q.Options[q.CorrectOption]).Append(" — ").Append(q.Explanation).Append('\n');
                    break;
                default:
                    throw new NotSupportedException($"Unknown report block {block.GetType().Name}.");
            }
        }
        if (report.Footer is { Length: > 0 } footer)
        {
            sb.Append("\n—\n").Append(footer).Append('\n');
        }
        if (report.ActionsOrEmpty.Count > 0)
        {
            sb.Append('\n');
            foreach (var action in report.ActionsOrEmpty)
            {
                sb.Append("→ ").Append(action.Label).Append(": /").Append(action.Command).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void AppendRuns(StringBuilder sb, IReadOnlyList<TextRun> runs)
    {
        foreach (var run in runs)
        {
            sb.Append(run.Text);
        }
    }
}
