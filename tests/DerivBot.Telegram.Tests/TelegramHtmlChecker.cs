using System.Text.RegularExpressions;

namespace DerivBot.Telegram.Tests;

/// <summary>
/// Validates a string the way Telegram's HTML parse mode would accept it: only supported tags (with their allowed
/// attributes), properly nested and closed, no raw &lt; &gt; &amp; outside tags, only &amp;lt; &amp;gt; &amp;amp;
/// &amp;quot; or numeric entities, and a visible length (after entity parsing, UTF-16) within the limit.
/// Independent of the production code on purpose.
/// </summary>
public static partial class TelegramHtmlChecker
{
    private static readonly HashSet<string> Tags = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span", "a", "code", "pre", "blockquote", "tg-emoji"];

    [GeneratedRegex("""^<(?<name>[a-z-]+)(?<attrs>(\s+[a-z-]+(="[^"<>]*")?)*)\s*>$""")]
    private static partial Regex OpenTag();

    [GeneratedRegex("^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex Entity();

    /// <summary>Null when valid, else the first problem.</summary>
    public static string? Problem(string html, int maxVisible)
    {
        var stack = new Stack<string>();
        var visible = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    return $"raw '<' at {i}";
                }
                var tag = html[i..(end + 1)];
                if (tag.StartsWith("</", StringComparison.Ordinal))
                {
                    var name = tag[2..^1];
                    if (stack.Count == 0 || stack.Pop() != name)
                    {
                        return $"unbalanced {tag} at {i}";
                    }
                }
                else
                {
                    var m = OpenTag().Match(tag);
                    if (!m.Success || !Tags.Contains(m.Groups["name"].Value))
                    {
                        return $"unsupported tag {tag} at {i}";
                    }
                    var name = m.Groups["name"].Value;
                    var attrs = m.Groups["attrs"].Value.Trim();
                    var ok = name switch
                    {
                        "span" => attrs == "class=\"tg-spoiler\"",
                        "a" => attrs.StartsWith("href=", StringComparison.Ordinal),
                        "tg-emoji" => attrs.StartsWith("emoji-id=", StringComparison.Ordinal),
                        "blockquote" => attrs is "" or "expandable",
                        "code" => attrs == "" || attrs.StartsWith("class=\"language-", StringComparison.Ordinal),
                        _ => attrs == "",
                    };
                    if (!ok)
                    {
                        return $"attribute not allowed in {tag}";
                    }
                    stack.Push(name);
                }
                i = end + 1;
            }
            else if (c == '>')
            {
                return $"raw '>' at {i}";
            }
            else if (c == '&')
            {
                var m = Entity().Match(html, i, Math.Min(12, html.Length - i));
                if (!m.Success)
                {
                    return $"bad entity at {i}: {html.Substring(i, Math.Min(8, html.Length - i))}";
                }
                visible += m.Value.StartsWith("&#", StringComparison.Ordinal) ? 2 : 1;
                i += m.Length;
            }
            else
            {
                visible++;
                i++;
            }
        }
        if (stack.Count > 0)
        {
            return $"unclosed <{stack.Peek()}>";
        }
        if (visible > maxVisible)
        {
            return $"visible length {visible} > {maxVisible}";
        }
        if (visible == 0)
        {
            return "empty text";
        }
        return null;
    }

    public static void AssertValid(string html, int maxVisible)
    {
        var problem = Problem(html, maxVisible);
        Assert.True(problem is null, $"{problem}\n--- in ---\n{(html.Length > 600 ? html[..600] + "…" : html)}");
    }
}
