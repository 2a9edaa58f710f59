using DerivBot.Application.Alerts;

namespace DerivBot.Application.Subscriptions;

public static partial class CommandParsing
{
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
}
