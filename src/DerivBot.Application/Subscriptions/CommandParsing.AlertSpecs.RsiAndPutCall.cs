using System.Globalization;
using DerivBot.Application.Alerts;

namespace DerivBot.Application.Subscriptions;

public static partial class CommandParsing
{
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
