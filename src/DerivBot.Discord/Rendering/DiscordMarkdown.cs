using System.Text;
using DerivBot.Core.Reports;

namespace DerivBot.Discord.Rendering;

/// <summary>
/// Escapes report text for Discord markdown so symbols like <c>BTC_USDT</c> or <c>1000*PEPE</c> never turn into
/// formatting (a complaint peers hear often). Backslash before ASCII punctuation always renders as the character itself.
/// </summary>
internal static class DiscordMarkdown
{
    /// <param name="atLineStart">False when the text continues a line that other runs started.</param>
    public static string Escape(string text, bool atLineStart = true)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']':
                    sb.Append('\\').Append(c);
                    break;
                // Headings ("# "), lists ("- "), quotes ("> ") and subtext ("-# ") only start a line, and need the space.
                case '#' or '-' or '>' or '+' or '*' when atLineStart && i + 1 < text.Length && (text[i + 1] == ' ' || (c == '-' && text[i + 1] == '#')):
                    sb.Append('\\').Append(c);
                    break;
                case '.' when i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && text[i + 1] == ' ' && LineIsDigitsSoFar(text, i):
                    sb.Append("\\.");
                    break;
                case '\r':
                    break;
                default:
                    sb.Append(c);
                    break;
            }
            if (c == '\n')
            {
                atLineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                atLineStart = false;
            }
        }
        return sb.ToString();
    }

    /// <summary>A styled run: the style markers hug the text (outer spaces stay outside, or Discord shows the stars).</summary>
    public static string Run(TextRun run, bool atLineStart = true)
    {
        if (run.Style == TextStyle.Plain)
        {
            return Escape(run.Text, atLineStart);
        }
        var trimmed = run.Text.Trim();
        if (trimmed.Length == 0)
        {
            return run.Text;
        }
        var lead = run.Text[..run.Text.IndexOf(trimmed, StringComparison.Ordinal)];
        var trail = run.Text[(lead.Length + trimmed.Length)..];
        var inner = run.Style switch
        {
            TextStyle.Bold => "**" + Escape(trimmed) + "**",
            TextStyle.Italic => "*" + Escape(trimmed) + "*",
            // Nothing is escaped inside code; a backtick would end it, so it becomes a look-alike.
            _ => "`" + trimmed.Replace('`', 'ˋ').Replace('\n', ' ') + "`",
        };
        return lead + inner + trail;
    }

    public static string Line(IReadOnlyList<TextRun> runs)
    {
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            sb.Append(Run(r, atLineStart: sb.Length == 0 || sb[^1] == '\n'));
        }
        return sb.ToString();
    }

    // "1." at a line start would become an ordered list.
    private static bool LineIsDigitsSoFar(string text, int dot)
    {
        for (var j = dot - 1; j >= 0 && text[j] != '\n'; j--)
        {
            if (!char.IsAsciiDigit(text[j]) && !char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }
        return true;
    }
}
