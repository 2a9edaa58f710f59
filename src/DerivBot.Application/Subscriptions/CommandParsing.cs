using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

/// <summary>A parse failure: a text key of <see cref="SubscriptionTexts"/> and its argument (what the user typed).</summary>
public sealed record ParseError(string Key, string? Argument = null);

/// <summary>
/// Forgiving parsers for the subscription, alert and settings commands: case-insensitive, with aliases, units with or
/// without spaces, <c>%</c> or not, and amounts like <c>5m</c>, <c>5M</c>, <c>5,000,000</c>. Pure functions.
/// </summary>
public static partial class CommandParsing
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', '，', '、', ';'];

    /// <summary>Lower-cased tokens; operators become their own tokens ("funding>0.05%" → funding, >, 0.05%).</summary>
    public static List<string> Tokenize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var s = text.Trim().ToLowerInvariant()
            .Replace("≥", ">", StringComparison.Ordinal).Replace("≤", "<", StringComparison.Ordinal)
            .Replace("＞", ">", StringComparison.Ordinal).Replace("＜", "<", StringComparison.Ordinal)
            .Replace("：", ":", StringComparison.Ordinal).Replace("％", "%", StringComparison.Ordinal);
        s = OperatorRegex().Replace(s, m => " " + m.Value.TrimEnd('=') + " ");
        return s.Split(Separators, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [GeneratedRegex("[<>]=?|=")]
    private static partial Regex OperatorRegex();
}
