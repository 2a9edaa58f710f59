using DerivBot.Application.Alerts;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions;

public static partial class CommandParsing
{
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
}
