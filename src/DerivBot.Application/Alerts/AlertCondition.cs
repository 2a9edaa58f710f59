using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>What an alert rule watches. Ids are stable: they are stored in the database.</summary>
public enum AlertMetric
{
    /// <summary>Predicted funding rate; threshold is a fraction per funding interval (0.0005 = 0.05 %).</summary>
    Funding = 0,
    /// <summary>Percentile (0–100) of the current funding rate within the known funding history (up to 90 days).</summary>
    FundingPercentile = 1,
    /// <summary>Open-interest change over <see cref="AlertCondition.Window"/>, threshold in percent (5 = 5 %).</summary>
    OpenInterestChange = 2,
    /// <summary>The quadrant model entering a state (<see cref="AlertCondition.State"/>) or any crowding state when null.</summary>
    Quadrant = 3,
    /// <summary>Liquidated notional in the last 5 minutes, threshold in USD.</summary>
    Liquidations5m = 4,
    /// <summary>RSI(14) on the snapshot's candles leaving the band [100 − threshold, threshold].</summary>
    Rsi = 5,
    /// <summary>Deribit put/call ratio by open interest (all expiries of the symbol's coin); threshold in puts per call (1.0 = as many puts as calls).</summary>
    PutCallRatio = 6,
}

/// <summary>Which side of the threshold fires.</summary>
public enum AlertDirection
{
    /// <summary>Value ≥ threshold.</summary>
    Above = 0,
    /// <summary>Value ≤ threshold.</summary>
    Below = 1,
    /// <summary>Either side: |value| ≥ threshold (for percentiles and RSI: ≥ t or ≤ 100 − t).</summary>
    Beyond = 2,
}

/// <summary>An alert condition. Units depend on <see cref="Metric"/> (see <see cref="AlertMetric"/>).</summary>
/// <param name="Window">Look-back for <see cref="AlertMetric.OpenInterestChange"/>.</param>
/// <param name="State">Target state for <see cref="AlertMetric.Quadrant"/>; null = any non-neutral state.</param>
public sealed record AlertCondition(
    AlertMetric Metric,
    AlertDirection Direction,
    decimal Threshold,
    TimeSpan? Window = null,
    QuadrantState? State = null);
