namespace DerivBot.Core.Signals;

/// <summary>What the OI did over the quadrant window.</summary>
public enum OiTrend
{
    Unknown,
    Rising,
    Flat,
    FallingSharply,
    /// <summary>Moving, but neither rising, flat nor falling sharply under the thresholds.</summary>
    Moderate,
}

/// <summary>The funding × OI quadrant at one instant: the reading of the horizon that decided it, plus every horizon's.</summary>
/// <param name="Window">The deciding horizon: the window the changes below are measured over (the firing horizon with
/// the most confidence; for Neutral, the shortest horizon with data).</param>
/// <param name="FundingPer8h">Funding used (predicted, else last settled), 8 h-equivalent.</param>
/// <param name="FundingChangePer8h">Funding now minus funding at exactly the window start (8 h-equivalent), when known.</param>
/// <param name="FundingStdDevPer8h">Standard deviation of the funding samples for churn (the last settlements and the predicted samples in the window), 8 h-equivalent.</param>
/// <param name="FundingSignChanges">Sign changes between consecutive funding samples for churn.</param>
/// <param name="OiChange">OI contracts change over the window (fraction).</param>
/// <param name="OiZScore">That change against the symbol's own window changes, when history allows.</param>
/// <param name="Confidence">0..1: how far past the thresholds the defining conditions are (0.5 at the threshold, 1 at twice it), reduced when no z-score was available.</param>
public sealed record QuadrantSignal(
    SignalStatus Status,
    QuadrantState State,
    DateTimeOffset? Time,
    TimeSpan Window,
    decimal? FundingPer8h,
    decimal? FundingChangePer8h,
    decimal? FundingStdDevPer8h,
    int FundingSignChanges,
    int FundingSamples,
    decimal? OiChange,
    double? OiZScore,
    OiTrend OiTrend,
    double Confidence,
    QuadrantOptions Thresholds,
    SignalReason Reason,
    IReadOnlyList<QuadrantHorizonReading> Horizons)
{
    /// <summary>The reading of one horizon, when it was evaluated.</summary>
    public QuadrantHorizonReading? Over(TimeSpan window) => Horizons.FirstOrDefault(h => h.Window == window);
}

/// <summary>The quadrant on one horizon.</summary>
/// <param name="OiChange">OI contracts change over <paramref name="Window"/> (fraction), when measurable.</param>
/// <param name="Thresholds">The horizon's resolved thresholds.</param>
public sealed record QuadrantHorizonReading(
    TimeSpan Window,
    SignalStatus Status,
    QuadrantState State,
    double Confidence,
    decimal? OiChange,
    OiTrend OiTrend,
    QuadrantHorizon Thresholds);
