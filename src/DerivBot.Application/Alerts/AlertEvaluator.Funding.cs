using System.Globalization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

public static partial class AlertEvaluator
{
    /// <summary>Fewer settled rates than this make a percentile meaningless.</summary>
    public const int MinPercentileSamples = 30;

    public static decimal? CurrentFunding(MarketSnapshot snapshot) =>
        snapshot.Premium?.FundingRate ?? (snapshot.FundingHistory.Count > 0 ? snapshot.FundingHistory[^1].Rate : null);

    private static AlertObservation Funding(AlertCondition c, AlertContext ctx)
    {
        if (CurrentFunding(ctx.Snapshot) is not { } rate)
        {
            return AlertObservation.Unavailable;
        }
        return new(true, Compare(c.Direction, rate, c.Threshold), Subscriptions.SubscriptionTexts.Percent(rate));
    }

    /// <summary>Share (0–100) of historical settled rates at or below <paramref name="value"/>.</summary>
    public static decimal PercentileOf(decimal value, IReadOnlyList<FundingRatePoint> history)
    {
        var below = history.Count(p => p.Rate <= value);
        return Math.Round(100m * below / history.Count, 1);
    }

    private static AlertObservation Percentile(AlertCondition c, AlertContext ctx)
    {
        if (CurrentFunding(ctx.Snapshot) is not { } rate || ctx.FundingHistory.Count < MinPercentileSamples)
        {
            return AlertObservation.Unavailable;
        }
        var p = PercentileOf(rate, ctx.FundingHistory);
        var holds = c.Direction switch
        {
            AlertDirection.Above => p >= c.Threshold,
            AlertDirection.Below => p <= c.Threshold,
            _ => p >= c.Threshold || p <= 100 - c.Threshold,
        };
        return new(true, holds, "P" + p.ToString("0.#", CultureInfo.InvariantCulture) + " (" + Subscriptions.SubscriptionTexts.Percent(rate) + ")");
    }
}
