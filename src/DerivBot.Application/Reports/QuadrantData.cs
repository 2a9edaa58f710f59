using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>What <c>/quadrant</c> returns as JSON. Rates and changes are fractions.</summary>
/// <param name="Quadrant">The <see cref="QuadrantState"/> id: Neutral, LongCrowding, ShortCrowding, Churn, Deleveraging.</param>
/// <param name="FundingRate">The predicted rate per the symbol's own interval.</param>
/// <param name="FundingRatePer8h">The 8 h-equivalent rate the model uses.</param>
/// <param name="OiChange">OI change in contracts over <paramref name="Window"/>.</param>
/// <param name="Window">The model's window, e.g. "4h".</param>
/// <param name="Reason">The model's reason code, e.g. <c>quadrant.long_crowding</c>.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Horizon">The deciding horizon as an ISO 8601 duration ("PT4H", "PT24H"): the same span as <paramref name="Window"/>.</param>
/// <param name="Horizons">Every horizon's reading, shortest first.</param>
public sealed record QuadrantData(
    string Symbol,
    string Venue,
    string Quadrant,
    decimal? FundingRate,
    decimal? FundingRatePer8h,
    decimal? FundingChangePer8h,
    decimal? OiChange,
    double? OiZScore,
    string Window,
    string Reason,
    double Confidence,
    string Status,
    DateTimeOffset DataTime,
    bool Stale,
    string Horizon,
    IReadOnlyList<QuadrantHorizonData> Horizons);

/// <summary>One horizon of <see cref="QuadrantData"/>: ISO 8601 duration, "4h"-style window, state id, status, confidence 0..1, OI change (fraction).</summary>
public sealed record QuadrantHorizonData(string Horizon, string Window, string Quadrant, string Status, double Confidence, decimal? OiChange);
