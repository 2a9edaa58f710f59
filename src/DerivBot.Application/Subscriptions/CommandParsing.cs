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

    // ---------- report kinds ----------

    public static bool TryParseKind(string token, out DigestKind kind)
    {
        switch (token.ToLowerInvariant())
        {
            case "quadrant" or "quadrants" or "quad" or "q" or "象限":
                kind = DigestKind.Quadrant;
                return true;
            case "liq" or "liqs" or "liquidation" or "liquidations" or "l" or "爆倉" or "爆仓" or "清算":
                kind = DigestKind.Liquidations;
                return true;
            case "dashboard" or "dash" or "signal" or "signals" or "full" or "all" or "儀表板" or "仪表板" or "全部":
                kind = DigestKind.Dashboard;
                return true;
            case "funding" or "fund" or "f" or "fr" or "recap" or "settlement" or "資金費率" or "资金费率" or "費率" or "费率":
                kind = DigestKind.FundingRecap;
                return true;
            case "options" or "option" or "opt" or "pcr" or "putcall" or "期權" or "期权":
                kind = DigestKind.Options;
                return true;
            case "quiz" or "quizzes" or "測驗" or "测验":
                kind = DigestKind.Quiz;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>A first word that asks for the weekly recap of all the chat's symbols.</summary>
    public static bool IsRecapWord(string token) =>
        token.ToLowerInvariant() is "recap" or "weekly-recap" or "回顧" or "回顾" or "週報" or "周报" or "每週回顧" or "每周回顾";

    /// <summary>The quiz kind word after "quiz" ("quiz venues"), as the digest kind that always asks it.</summary>
    public static bool TryParseQuizKind(string token, out DigestKind kind)
    {
        kind = token.ToLowerInvariant() switch
        {
            "quadrant" or "quad" or "q" or "象限" => DigestKind.QuizQuadrant,
            "venues" or "venue" or "v" or "交易所" => DigestKind.QuizVenues,
            "funding" or "fund" or "f" or "fr" or "資金費率" or "资金费率" => DigestKind.QuizFunding,
            "liq" or "liqs" or "liquidations" or "l" or "爆倉" or "爆仓" => DigestKind.QuizLiquidations,
            _ => DigestKind.Quiz,
        };
        return kind != DigestKind.Quiz;
    }

    // ---------- durations and schedules ----------

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*([a-z\p{IsCJKUnifiedIdeographs}]+)")]
    private static partial Regex DurationPartRegex();

    /// <summary>"4h", "4 hours", "30m", "30 min", "1d", "1h30m", "2小時", "hour", "day".</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().ToLowerInvariant();
        switch (s)
        {
            case "hour" or "hourly" or "an hour" or "1 hour" or "小時" or "小时" or "每小時" or "每小时":
                duration = TimeSpan.FromHours(1);
                return true;
            case "day" or "a day" or "天" or "日":
                duration = TimeSpan.FromDays(1);
                return true;
            case "week" or "週" or "周":
                duration = TimeSpan.FromDays(7);
                return true;
        }
        var rest = s.Replace(" ", "", StringComparison.Ordinal);
        var matches = DurationPartRegex().Matches(rest);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != rest.Length)
        {
            return false;
        }
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            TimeSpan unit;
            switch (m.Groups[2].Value)
            {
                case "m" or "min" or "mins" or "minute" or "minutes" or "分" or "分鐘" or "分钟":
                    unit = TimeSpan.FromMinutes(1);
                    break;
                case "h" or "hr" or "hrs" or "hour" or "hours" or "小時" or "小时" or "時" or "时":
                    unit = TimeSpan.FromHours(1);
                    break;
                case "d" or "day" or "days" or "天" or "日":
                    unit = TimeSpan.FromDays(1);
                    break;
                case "w" or "week" or "weeks" or "週" or "周":
                    unit = TimeSpan.FromDays(7);
                    break;
                default:
                    return false;
            }
            duration += TimeSpan.FromTicks((long)(unit.Ticks * value));
        }
        duration = TimeSpan.FromMinutes(Math.Round(duration.TotalMinutes));
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")]
    private static partial Regex TimeRegex();

    /// <summary>"08:00", "8:00", "8am", "20", "8pm".</summary>
    public static bool TryParseTime(string? text, out TimeOnly time, bool requireMarker = false)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = TimeRegex().Match(text.Trim().ToLowerInvariant());
        if (!m.Success || (requireMarker && !m.Groups[2].Success && !m.Groups[3].Success))
        {
            return false;
        }
        var hour = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups[3].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }
            hour = (hour % 12) + (m.Groups[3].Value == "pm" ? 12 : 0);
        }
        if (hour > 23 || minute > 59)
        {
            return false;
        }
        time = new TimeOnly(hour, minute);
        return true;
    }

    /// <summary>
    /// A schedule from the words after the report kind: "every 4h", "every 4 hours", "4h", "hourly", "daily 08:00",
    /// "at 8:00", "08:00", "每天 08:00". Empty text gives the default (every 4h) with <paramref name="given"/> false.
    /// </summary>
    public static bool TryParseSchedule(IReadOnlyList<string> tokens, out DigestSchedule schedule, out bool given)
    {
        schedule = DigestSchedule.Every(TimeSpan.FromHours(4));
        given = tokens.Count > 0;
        if (!given)
        {
            return true;
        }
        var words = tokens.ToList();
        // "weekly sun 20:00", "weekly sunday 8pm", "每週日 20:00": one day of the week, a local time (midnight when none).
        if (words[0] is "weekly" or "week" or "每週" or "每周" or "週" or "周")
        {
            if (words.Count >= 2 && TryParseWeekDay(words[1], out var weekDay))
            {
                var timeText = string.Join(' ', words.Skip(2));
                if (timeText.Length == 0)
                {
                    schedule = DigestSchedule.WeeklyOn(weekDay, new TimeOnly(0, 0));
                    return true;
                }
                if (TryParseTime(timeText, out var at))
                {
                    schedule = DigestSchedule.WeeklyOn(weekDay, at);
                    return true;
                }
            }
            return false;
        }
        var daily = false;
        while (words.Count > 0 && words[0] is "every" or "each" or "per" or "每" or "at" or "@" or "daily" or "day" or "每天" or "每日" or "天天")
        {
            daily |= words[0] is "daily" or "每天" or "每日" or "天天" or "at" or "@" || (words[0] == "day" && words.Count > 1);
            words.RemoveAt(0);
        }
        var rest = string.Join(' ', words);
        if (rest.StartsWith('每'))
        {
            rest = rest[1..];
        }
        if (rest.Length == 0)
        {
            if (daily || tokens[^1] is "daily" or "day" or "每天" or "每日")
            {
                schedule = DigestSchedule.DailyAt(new TimeOnly(0, 0));
                return true;
            }
            return false;
        }
        if (TryParseTime(rest, out var time, requireMarker: !daily))
        {
            schedule = DigestSchedule.DailyAt(time);
            return true;
        }
        if (!daily && TryParseDuration(rest, out var interval))
        {
            schedule = DigestSchedule.Every(interval);
            return true;
        }
        return false;
    }

    /// <summary>"sun", "sunday", "日", "週日", "周日", "星期日" … (Sunday to Saturday).</summary>
    public static bool TryParseWeekDay(string token, out DayOfWeek day)
    {
        var t = token.ToLowerInvariant().TrimStart('週', '周').Replace("星期", "", StringComparison.Ordinal).Replace("禮拜", "", StringComparison.Ordinal).Replace("礼拜", "", StringComparison.Ordinal);
        int? index = t switch
        {
            "sun" or "sunday" or "日" or "天" => 0,
            "mon" or "monday" or "一" => 1,
            "tue" or "tues" or "tuesday" or "二" => 2,
            "wed" or "wednesday" or "三" => 3,
            "thu" or "thur" or "thurs" or "thursday" or "四" => 4,
            "fri" or "friday" or "五" => 5,
            "sat" or "saturday" or "六" => 6,
            _ => null,
        };
        day = (DayOfWeek)(index ?? 0);
        return index is not null;
    }

    // ---------- numbers ----------

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

    // ---------- alerts ----------

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

    // ---------- settings ----------

    /// <summary>"23:00-07:00", "23-7", "23:00 07:00", "23:00 to 07:00". Null start/end with true result means "off".</summary>
    public static bool TryParseQuietHours(string? text, out TimeOnly? start, out TimeOnly? end)
    {
        start = end = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().ToLowerInvariant();
        if (s is "off" or "none" or "no" or "disable" or "關閉" or "关闭" or "關" or "关")
        {
            return true;
        }
        var parts = s.Replace("to", " ", StringComparison.Ordinal).Replace("至", " ", StringComparison.Ordinal)
            .Replace("~", " ", StringComparison.Ordinal).Replace("–", " ", StringComparison.Ordinal).Replace("-", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryParseTime(parts[0], out var a) || !TryParseTime(parts[1], out var b) || a == b)
        {
            return false;
        }
        start = a;
        end = b;
        return true;
    }

    /// <summary>True when <paramref name="localTime"/> falls in [start, end), wrapping midnight.</summary>
    public static bool InQuietHours(TimeOnly localTime, TimeOnly? start, TimeOnly? end)
    {
        if (start is not { } s || end is not { } e)
        {
            return false;
        }
        return s < e ? localTime >= s && localTime < e : localTime >= s || localTime < e;
    }
}
