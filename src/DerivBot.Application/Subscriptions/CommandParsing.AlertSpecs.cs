using System.Globalization;
using System.Text.RegularExpressions;
using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

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

    private static AlertCondition? ParseFunding(List<string> tokens)
    {
        if (tokens.Count > 0 && (tokens[0] is "percentile" or "pct" or "百分位" || PercentileToken(tokens[0]) is not null))
        {
            return ParsePercentile(tokens);
        }
        var (direction, rest) = TakeOperator(tokens);
        if (rest.Count != 1 || !TryParsePercent(rest[0], out var percent) || Math.Abs(percent) >= 100)
        {
            return null;
        }
        var fraction = percent / 100m;
        if (direction is null)
        {
            return new AlertCondition(AlertMetric.Funding, AlertDirection.Beyond, Math.Abs(fraction));
        }
        return new AlertCondition(AlertMetric.Funding, direction.Value, fraction);
    }

    private static decimal? PercentileToken(string t)
    {
        if (t.Length > 1 && t[0] == 'p' && decimal.TryParse(t[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
        {
            return p;
        }
        return null;
    }

    private static AlertCondition? ParsePercentile(List<string> tokens)
    {
        var (direction, rest) = TakeOperator(tokens.Where(t => t is not ("percentile" or "pct" or "百分位")).ToList());
        if (rest.Count != 1)
        {
            return null;
        }
        var p = PercentileToken(rest[0]) ?? (TryParsePercent(rest[0], out var v) ? v : (decimal?)null);
        if (p is null or <= 0 or >= 100)
        {
            return null;
        }
        if (direction is null)
        {
            // "beyond p95" means the top or bottom 5 %: store the upper percentile.
            return new AlertCondition(AlertMetric.FundingPercentile, AlertDirection.Beyond, Math.Max(p.Value, 100 - p.Value));
        }
        return new AlertCondition(AlertMetric.FundingPercentile, direction.Value, p.Value);
    }

    private static AlertCondition? ParseOi(List<string> tokens)
    {
        var (direction, rest) = TakeOperator(tokens);
        TimeSpan window = TimeSpan.FromHours(4);
        decimal? percent = null;
        foreach (var t in rest)
        {
            if (t.EndsWith('%') && TryParsePercent(t, out var pc))
            {
                percent = pc;
            }
            else if (TryParseDuration(t, out var w))
            {
                window = w;
            }
            else if (t is "in" or "within" or "over" or "change" or "內" or "内")
            {
                continue;
            }
            else if (TryParsePercent(t, out var bare))
            {
                percent = bare;
            }
            else
            {
                return null;
            }
        }
        if (percent is null || percent == 0 || window < TimeSpan.FromMinutes(5) || window > TimeSpan.FromDays(30))
        {
            return null;
        }
        if (direction is null)
        {
            return percent < 0
                ? new AlertCondition(AlertMetric.OpenInterestChange, AlertDirection.Below, -Math.Abs(percent.Value), window)
                : new AlertCondition(AlertMetric.OpenInterestChange, AlertDirection.Beyond, percent.Value, window);
        }
        var signed = direction == AlertDirection.Below ? -Math.Abs(percent.Value) : Math.Abs(percent.Value);
        return new AlertCondition(AlertMetric.OpenInterestChange, direction.Value, signed, window);
    }

    private static AlertCondition? ParseQuadrant(List<string> tokens)
    {
        var rest = tokens.Where(t => t is not ("enters" or "enter" or "entering" or "into" or "state" or "進入" or "进入")).ToList();
        if (rest.Count == 0)
        {
            return new AlertCondition(AlertMetric.Quadrant, AlertDirection.Above, 0);
        }
        var word = string.Join("", rest);
        if (word is "any" or "all" or "任何")
        {
            return new AlertCondition(AlertMetric.Quadrant, AlertDirection.Above, 0);
        }
        QuadrantState? state = word switch
        {
            "long" or "longs" or "longcrowding" or "long-crowding" or "longcrowded" or "多" or "多頭" or "多头" or "多頭擁擠" or "多头拥挤" => QuadrantState.LongCrowding,
            "short" or "shorts" or "shortcrowding" or "short-crowding" or "squeeze" or "空" or "空頭" or "空头" or "軋空" or "轧空" => QuadrantState.ShortCrowding,
            "churn" or "noise" or "chop" or "換手" or "换手" or "震盪" or "震荡" => QuadrantState.Churn,
            "delev" or "deleveraging" or "deleverage" or "deleveraged" or "flush" or "去槓桿" or "去杠杆" => QuadrantState.Deleveraging,
            _ => null,
        };
        if (state is null)
        {
            return null;
        }
        return new AlertCondition(AlertMetric.Quadrant, AlertDirection.Above, 0, State: state);
    }

    private static AlertCondition? ParseLiquidations(List<string> tokens)
    {
        var (direction, rest) = TakeOperator(tokens);
        // "liq 5m > 5m": a leading 5m/5min names the (fixed) window when an amount follows it.
        if (rest.Count == 2 && rest[0] is "5m" or "5min" or "5mins" or "5分鐘" or "5分钟")
        {
            rest.RemoveAt(0);
        }
        if (rest.Count != 1 || !TryParseAmount(rest[0], out var usd) || usd <= 0)
        {
            return null;
        }
        if (direction == AlertDirection.Below)
        {
            return null;
        }
        return new AlertCondition(AlertMetric.Liquidations5m, AlertDirection.Above, usd);
    }

    private static AlertCondition? ParseRsi(List<string> tokens)
    {
        var (_, rest) = TakeOperator(tokens);
        var band = 70m;
        if (rest.Count == 1)
        {
            if (!decimal.TryParse(rest[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out band))
            {
                return null;
            }
            if (band < 50)
            {
                band = 100 - band;
            }
        }
        else if (rest.Count > 1)
        {
            return null;
        }
        if (band is <= 50 or >= 100)
        {
            return null;
        }
        return new AlertCondition(AlertMetric.Rsi, AlertDirection.Beyond, band);
    }

    /// <summary>"pcr &gt; 1.0", "pcr below 0.6", "pcr 1.2" (no operator: at or above). Ratio of puts per call, 0 &lt; r &lt; 100.</summary>
    private static AlertCondition? ParsePutCall(List<string> tokens)
    {
        var (direction, rest) = TakeOperator(tokens);
        if (rest.Count != 1 || rest[0].EndsWith('%')
            || !decimal.TryParse(rest[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) || ratio <= 0m || ratio >= 100m)
        {
            return null;
        }
        return new AlertCondition(AlertMetric.PutCallRatio, direction ?? AlertDirection.Above, ratio);
    }
}
