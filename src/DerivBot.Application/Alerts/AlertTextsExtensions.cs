using System.Globalization;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Localization;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>Localized descriptions of alert rules.</summary>
public static class AlertTextsExtensions
{
    public static string StateName(this SubscriptionTexts texts, Language language, QuadrantState state) =>
        texts.Get(language, "state." + state);

    public static string Describe(this SubscriptionTexts texts, Language language, AlertCondition c)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(c);
        static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return c.Metric switch
        {
            AlertMetric.Funding => texts.Format(language, c.Direction switch
            {
                AlertDirection.Above => "cond.fundingAbove",
                AlertDirection.Below => "cond.fundingBelow",
                _ => "cond.fundingBeyond",
            }, SubscriptionTexts.Percent(c.Direction == AlertDirection.Beyond ? Math.Abs(c.Threshold) : c.Threshold)),
            AlertMetric.FundingPercentile => c.Direction switch
            {
                AlertDirection.Above => texts.Format(language, "cond.percentileAbove", Num(c.Threshold)),
                AlertDirection.Below => texts.Format(language, "cond.percentileBelow", Num(c.Threshold)),
                _ => texts.Format(language, "cond.percentileBeyond", Num(100 - c.Threshold), Num(c.Threshold)),
            },
            AlertMetric.OpenInterestChange => texts.Format(language, c.Direction switch
            {
                AlertDirection.Above => "cond.oiAbove",
                AlertDirection.Below => "cond.oiBelow",
                _ => "cond.oiBeyond",
            }, Num(Math.Abs(c.Threshold)) + "%", DigestSchedule.FormatDuration(c.Window ?? TimeSpan.FromHours(4))),
            AlertMetric.Quadrant => c.State is { } s
                ? texts.Format(language, "cond.quadrantState", texts.StateName(language, s))
                : texts.Get(language, "cond.quadrantAny"),
            AlertMetric.Liquidations5m => texts.Format(language, "cond.liq", SubscriptionTexts.Usd(c.Threshold)),
            AlertMetric.Rsi => texts.Format(language, "cond.rsi", Num(100 - c.Threshold), Num(c.Threshold)),
            AlertMetric.PutCallRatio => texts.Format(language, c.Direction == AlertDirection.Below ? "cond.pcrBelow" : "cond.pcrAbove", Num(c.Threshold)),
            _ => c.Metric.ToString(),
        };
    }

    /// <summary>The query command a fired alert's "Details" button re-runs.</summary>
    public static string DetailsCommand(AlertMetric metric) => metric switch
    {
        AlertMetric.Funding or AlertMetric.FundingPercentile => "funding",
        AlertMetric.Quadrant or AlertMetric.OpenInterestChange => "quadrant",
        AlertMetric.Liquidations5m => "liq",
        AlertMetric.PutCallRatio => "options",
        _ => "signal",
    };
}
