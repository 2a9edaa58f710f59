using System.Globalization;
using DerivBot.Application.Alerts;

namespace DerivBot.Application.Subscriptions;

public static partial class CommandParsing
{
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
}
