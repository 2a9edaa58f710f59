using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

public static partial class ReportParts
{
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
