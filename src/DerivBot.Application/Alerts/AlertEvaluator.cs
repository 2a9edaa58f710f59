using System.Globalization;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>Pure evaluation of alert conditions against market data.</summary>
public static partial class AlertEvaluator
{
    public static AlertObservation Evaluate(AlertCondition condition, AlertContext context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        return condition.Metric switch
        {
            AlertMetric.Funding => Funding(condition, context),
            AlertMetric.FundingPercentile => Percentile(condition, context),
            AlertMetric.OpenInterestChange => OpenInterest(condition, context),
            AlertMetric.Quadrant => Quadrant(condition, context),
            AlertMetric.Liquidations5m => Liquidations(condition, context),
            AlertMetric.Rsi => Rsi(condition, context),
            AlertMetric.PutCallRatio => PutCall(condition, context),
            _ => AlertObservation.Unavailable,
        };
    }

    private static bool Compare(AlertDirection direction, decimal value, decimal threshold) => direction switch
    {
        AlertDirection.Above => value >= threshold,
        AlertDirection.Below => value <= threshold,
        _ => Math.Abs(value) >= Math.Abs(threshold),
    };

    private static AlertObservation OpenInterest(AlertCondition c, AlertContext ctx)
    {
        var series = ctx.Snapshot.OpenInterest;
        if (series.Count < 2 || c.Window is not { } window)
        {
            return AlertObservation.Unavailable;
        }
        // The same exact-window rule as /oi: against the value at exactly (last point − window), interpolated; missing
        // (not a shorter span) when history does not reach back. Tolerance: half the window, as this rule always had.
        var last = series.Count - 1;
        if (last < 1 || Core.Signals.SeriesWindow.Change(series, last, static p => p.Time, static p => p.Contracts, window, 0.5) is not { } fraction)
        {
            return AlertObservation.Unavailable;
        }
        var change = fraction * 100m;
        return new(true, Compare(c.Direction, change, c.Threshold), change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%");
    }

    private static AlertObservation Quadrant(AlertCondition c, AlertContext ctx)
    {
        if (ctx.Quadrant is not { } state)
        {
            return AlertObservation.Unavailable;
        }
        var holds = c.State is { } target ? state == target : state != QuadrantState.Neutral;
        return new(true, holds, state.ToString());
    }

    private static AlertObservation PutCall(AlertCondition c, AlertContext ctx)
    {
        if (ctx.PutCallOiRatio is not { } ratio)
        {
            return AlertObservation.Unavailable;
        }
        var holds = c.Direction == AlertDirection.Below ? ratio <= c.Threshold : ratio >= c.Threshold;
        return new(true, holds, ratio.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
