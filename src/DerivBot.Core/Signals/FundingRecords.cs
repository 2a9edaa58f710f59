namespace DerivBot.Core.Signals;

/// <summary>A funding rate expressed three ways from the symbol's real interval.</summary>
/// <param name="PerInterval">Fraction per funding interval, 0.0001 = 0.01 %.</param>
/// <param name="Per8h">8 h-equivalent: PerInterval × 8 / IntervalHours.</param>
/// <param name="Annualized">PerInterval × 24 / IntervalHours × 365 (simple, not compounded).</param>
public readonly record struct FundingRateView(decimal PerInterval, int IntervalHours, decimal Per8h, decimal Annualized)
{
    public static FundingRateView From(decimal perInterval, int intervalHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalHours);
        return new FundingRateView(perInterval, intervalHours, perInterval * 8m / intervalHours, perInterval * 24m / intervalHours * 365m);
    }
}

/// <summary>Funding level by absolute thresholds (per 8 h).</summary>
public enum FundingLevel
{
    Normal,
    ElevatedPositive,
    ExtremePositive,
    ElevatedNegative,
    ExtremeNegative,
}

/// <summary>The funding signal for one symbol.</summary>
/// <param name="IntervalHours">Funding interval used (from the venue, or inferred from settlement spacing).</param>
/// <param name="Current">Predicted rate for the next settlement, when known.</param>
/// <param name="LastSettled">The most recent settled rate, when known.</param>
/// <param name="Level">Level of <paramref name="Current"/> (or of <paramref name="LastSettled"/> when no prediction) by absolute thresholds.</param>
/// <param name="Percentiles">Percentile of that rate (8 h-equivalent) against settled history over 7 d / 30 d / 90 d, as far as history reaches.</param>
/// <param name="PercentileExtreme">High/Low when the longest reported window puts the rate at or beyond the configured percentiles.</param>
/// <param name="SettledSignFlip">The last settlement has the opposite sign of the one before it.</param>
/// <param name="PendingSignFlip">The predicted rate has the opposite sign of the last settlement.</param>
/// <param name="PersistenceCount">Consecutive settlements (newest backwards) on the same side as the last one.</param>
/// <param name="PersistenceSide">+1 positive, −1 negative, 0 zero/unknown.</param>
public sealed record FundingSignal(
    SignalStatus Status,
    int IntervalHours,
    FundingRateView? Current,
    FundingRateView? LastSettled,
    DateTimeOffset? LastSettledTime,
    FundingLevel Level,
    IReadOnlyList<PercentileRank> Percentiles,
    Extremity PercentileExtreme,
    bool SettledSignFlip,
    bool PendingSignFlip,
    int PersistenceCount,
    int PersistenceSide,
    FundingSignalOptions Thresholds,
    SignalReason Reason);
