using DerivBot.Application.Alerts;

namespace DerivBot.Application.Subscriptions;

// Alert specs: metric, operator, threshold, window, cooldown and once/repeat.
public static partial class CommandParsing
{
    /// <summary>An alert request without its symbol.</summary>
    public sealed record AlertSpec(AlertCondition Condition, TimeSpan? Cooldown, bool Once);

    private static bool IsOperator(string t) => t is ">" or "<" or "above" or "over" or "below" or "under" or "高於" or "高于" or "低於" or "低于" or "超過" or "超过";

    private static AlertDirection? DirectionOf(string t) => t switch
    {
        ">" or "above" or "over" or "高於" or "高于" or "超過" or "超过" => AlertDirection.Above,
        "<" or "below" or "under" or "低於" or "低于" => AlertDirection.Below,
        _ => null,
    };

    /// <summary>Parses the condition tokens after the symbol: "funding > 0.05%", "liq5m > 5m", "quadrant long", "rsi 80 once".</summary>
    public static bool TryParseAlert(IReadOnlyList<string> tokens, out AlertSpec spec, out ParseError? error)
    {
        spec = null!;
        error = null;
        var words = tokens.ToList();
        var once = false;
        TimeSpan? cooldown = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "once" or "一次" or "single")
            {
                once = true;
                words.RemoveAt(i--);
            }
            else if (words[i] is "repeat" or "repeating" or "always")
            {
                words.RemoveAt(i--);
            }
            else if (words[i] is "cooldown" or "cd" or "冷卻" or "冷却" or "every")
            {
                if (i + 1 >= words.Count || !TryParseDuration(words[i + 1], out var cd))
                {
                    error = new ParseError("error.badDuration", i + 1 < words.Count ? words[i + 1] : words[i]);
                    return false;
                }
                cooldown = cd;
                words.RemoveRange(i, 2);
                i--;
            }
        }
        if (words.Count == 0)
        {
            error = new ParseError("error.missing");
            return false;
        }
        var metric = words[0];
        var rest = words.Skip(1).ToList();
        var original = string.Join(' ', words);
        AlertCondition? condition = metric switch
        {
            "funding" or "fund" or "fr" or "f" or "資金費率" or "资金费率" or "費率" or "费率" => ParseFunding(rest),
            "fp" or "percentile" or "pct" or "百分位" => ParsePercentile(rest),
            "oi" or "openinterest" or "open-interest" or "未平倉" or "未平仓" or "未平倉量" or "未平仓量" or "持倉" or "持仓" => ParseOi(rest),
            "quadrant" or "quad" or "q" or "象限" => ParseQuadrant(rest),
            "liq" or "liq5m" or "liqs" or "liquidation" or "liquidations" or "l" or "爆倉" or "爆仓" => ParseLiquidations(rest),
            "rsi" => ParseRsi(rest),
            "pcr" or "putcall" or "put/call" or "pc" or "賣買權比" or "看跌看涨比" => ParsePutCall(rest),
            _ => null,
        };
        if (condition is null)
        {
            error = new ParseError("error.badCondition", original);
            return false;
        }
        spec = new AlertSpec(condition, cooldown, once);
        return true;
    }

    private static (AlertDirection? Direction, List<string> Remaining) TakeOperator(List<string> tokens)
    {
        var rest = new List<string>();
        AlertDirection? direction = null;
        foreach (var t in tokens)
        {
            if (DirectionOf(t) is { } d && direction is null)
            {
                direction = d;
            }
            else if (t is not ("=" or "is" or "at"))
            {
                rest.Add(t);
            }
        }
        return (direction, rest);
    }
}
