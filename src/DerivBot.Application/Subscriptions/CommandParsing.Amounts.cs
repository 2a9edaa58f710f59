using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

// Numbers: USD amounts ("5m", "$5,000,000", "500萬") and percents.
public static partial class CommandParsing
{
    [GeneratedRegex(@"^\$?([+-]?\d[\d,_]*(?:\.\d+)?)\s*(k|m|mm|mn|b|bn|thousand|million|millions|billion|萬|万|億|亿)?\s*(usd|usdt|\$|u)?$")]
    private static partial Regex AmountRegex();

    /// <summary>USD amounts: "5m", "5M", "5 million", "$5,000,000", "500k", "1.5b", "500萬".</summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = AmountRegex().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
        {
            return false;
        }
        if (!decimal.TryParse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        var multiplier = m.Groups[2].Value switch
        {
            "k" or "thousand" => 1_000m,
            "m" or "mm" or "mn" or "million" or "millions" => 1_000_000m,
            "b" or "bn" or "billion" => 1_000_000_000m,
            "萬" or "万" => 10_000m,
            "億" or "亿" => 100_000_000m,
            _ => 1m,
        };
        amount = value * multiplier;
        return true;
    }

    [GeneratedRegex(@"^([+-]?\d+(?:\.\d+)?)\s*%?$")]
    private static partial Regex PercentRegex();

    /// <summary>A number typed in percent, with or without the sign: "0.05%", "0.05", "-0.01%", "5".</summary>
    public static bool TryParsePercent(string? text, out decimal percent)
    {
        percent = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = PercentRegex().Match(text.Trim());
        return m.Success && decimal.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out percent);
    }
}
