namespace DerivBot.Core.Signals;

/// <summary>Which ratio a <see cref="RatioReading"/> describes.</summary>
public enum RatioSeries
{
    GlobalAccounts,
    TopTraderAccounts,
    TopTraderPositions,
    TakerBuySell,
}

/// <summary>The latest value of one ratio and where it sits in the symbol's own history.</summary>
/// <param name="Percentile">Null when history has fewer than the configured minimum samples.</param>
public sealed record RatioReading(
    RatioSeries Series,
    SignalStatus Status,
    DateTimeOffset? Time,
    decimal? Value,
    PercentileRank? Percentile,
    Extremity Extreme);

public sealed record LongShortSignal(
    SignalStatus Status,
    IReadOnlyList<RatioReading> Readings,
    LongShortOptions Thresholds,
    SignalReason Reason)
{
    public RatioReading? Of(RatioSeries series) => Readings.FirstOrDefault(r => r.Series == series);
}
