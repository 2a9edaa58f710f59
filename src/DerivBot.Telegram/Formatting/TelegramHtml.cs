using System.Globalization;
using System.Text;

namespace DerivBot.Telegram.Formatting;

/// <summary>
/// Telegram HTML parse-mode helpers. <see cref="Escape"/> is the ONE function every piece of dynamic text goes through.
/// The other helpers work on HTML we produced ourselves (well-formed, only our tags and the four named entities).
/// </summary>
public static class TelegramHtml
{
    /// <summary>Escapes text for HTML parse mode: &amp; &lt; &gt; everywhere and &quot; so the same text is safe inside attributes.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (text.AsSpan().IndexOfAny("&<>\"") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The length Telegram measures its 4096/1024 limits on: the text after entity parsing, in UTF-16 code units.</summary>
    public static int VisibleLength(string html)
    {
        var total = 0;
        foreach (var token in Tokenize(html))
        {
            total += token.Visible;
        }
        return total;
    }

    /// <summary>The visible text: tags removed, entities decoded (the plain-text fallback when Telegram rejects our HTML).</summary>
    public static string ToPlainText(string html)
    {
        var sb = new StringBuilder(html.Length);
        foreach (var token in Tokenize(html))
        {
            switch (token.Kind)
            {
                case TokenKind.Text:
                    sb.Append(html, token.Start, token.Length);
                    break;
                case TokenKind.Entity:
                    sb.Append(DecodeEntity(html.AsSpan(token.Start, token.Length)));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Splits <paramref name="html"/> into parts of at most <paramref name="maxVisible"/> visible characters, preferring
    /// line boundaries; a line longer than the limit is cut between characters (never inside a tag, an entity or a
    /// surrogate pair). Tags open at a cut are closed at the end of the part and reopened at the start of the next.
    /// </summary>
    public static IReadOnlyList<string> Split(string html, int maxVisible)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVisible, 2);
        var tokens = Tokenize(html);
        var parts = new List<string>();
        var stack = new List<(string Name, string Raw)>();
        var i = 0;
        while (i < tokens.Count)
        {
            while (i < tokens.Count && tokens[i].IsNewline)
            {
                i++; // Telegram trims leading line breaks anyway; a part must not start empty.
            }
            if (i >= tokens.Count)
            {
                break;
            }
            var sb = new StringBuilder();
            foreach (var open in stack)
            {
                sb.Append(open.Raw);
            }
            var visible = 0;
            var breakAt = -1;
            var breakLength = 0;
            List<(string, string)>? breakStack = null;
            var j = i;
            while (j < tokens.Count)
            {
                var t = tokens[j];
                if (t.Visible > 0 && visible + t.Visible > maxVisible)
                {
                    break;
                }
                if (t.IsNewline && visible > 0)
                {
                    breakAt = j;
                    breakLength = sb.Length;
                    breakStack = [.. stack];
                }
                sb.Append(html, t.Start, t.Length);
                if (t.Kind == TokenKind.OpenTag)
                {
                    stack.Add((t.TagName!, html.Substring(t.Start, t.Length)));
                }
                else if (t.Kind == TokenKind.CloseTag && stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                visible += t.Visible;
                j++;
            }
            if (j >= tokens.Count)
            {
                i = j;
            }
            else if (breakAt >= 0)
            {
                sb.Length = breakLength;
                stack = breakStack!;
                i = breakAt + 1;
            }
            else
            {
                i = j;
            }
            for (var k = stack.Count - 1; k >= 0; k--)
            {
                sb.Append("</").Append(stack[k].Name).Append('>');
            }
            var part = sb.ToString();
            if (!string.IsNullOrWhiteSpace(ToPlainText(part)))
            {
                parts.Add(part);
            }
        }
        return parts;
    }

    /// <summary>The first <paramref name="maxVisible"/> visible characters of <paramref name="html"/>, tags balanced,
    /// with an ellipsis when something was cut.</summary>
    public static string Truncate(string html, int maxVisible)
    {
        if (VisibleLength(html) <= maxVisible)
        {
            return html;
        }
        var parts = Split(html, maxVisible - 1);
        return parts.Count == 0 ? "" : parts[0] + "…";
    }

    private static string DecodeEntity(ReadOnlySpan<char> entity)
    {
        var body = entity[1..^1];
        switch (body)
        {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
        }
        if (body.Length > 1 && body[0] == '#')
        {
            var isHex = body.Length > 2 && (body[1] == 'x' || body[1] == 'X');
            var digits = isHex ? body[2..] : body[1..];
            if (int.TryParse(digits, isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var cp)
                && cp is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                return char.ConvertFromUtf32(cp);
            }
        }
        return entity.ToString();
    }

    internal enum TokenKind { Text, Entity, OpenTag, CloseTag }

    internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Visible, string? TagName = null, bool IsNewline = false);

    internal static List<Token> Tokenize(string html)
    {
        var tokens = new List<Token>(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    tokens.Add(new Token(TokenKind.Text, i, 1, 1));
                    i++;
                    continue;
                }
                var closing = i + 1 < html.Length && html[i + 1] == '/';
                var nameStart = closing ? i + 2 : i + 1;
                var nameEnd = nameStart;
                while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
                {
                    nameEnd++;
                }
                var name = html[nameStart..nameEnd];
                tokens.Add(new Token(closing ? TokenKind.CloseTag : TokenKind.OpenTag, i, end - i + 1, 0, name));
                i = end + 1;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                if (end > i && end - i <= 10)
                {
                    var decoded = DecodeEntity(html.AsSpan(i, end - i + 1));
                    tokens.Add(new Token(TokenKind.Entity, i, end - i + 1, decoded.Length));
                    i = end + 1;
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Text, i, 1, 1));
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
            {
                tokens.Add(new Token(TokenKind.Text, i, 2, 2));
                i += 2;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Text, i, 1, 1, IsNewline: c == '\n'));
                i++;
            }
        }
        return tokens;
    }
}
