using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

// Every signal is a plain record that carries its inputs, the thresholds it used and a machine-readable reason.
// Wording is localized elsewhere (the reports helper maps SignalReason.Code + Values to text).

/// <summary>Whether a signal had enough data. Missing data never throws; it yields <see cref="InsufficientData"/>.</summary>
public enum SignalStatus
{
    Ok,
    InsufficientData,
}

/// <summary>
/// Why a signal says what it says: a stable code such as <c>quadrant.long_crowding</c> plus named numeric values
/// (rates are fractions, changes are fractions, USD amounts are USD). Reports turn it into localized text.
/// </summary>
public sealed record SignalReason(string Code, IReadOnlyDictionary<string, decimal> Values)
{
    public static SignalReason Of(string code, params (string Name, decimal Value)[] values)
    {
        var dict = new Dictionary<string, decimal>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            dict[name] = value;
        }
        return new SignalReason(code, dict);
    }

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public decimal? Get(string name) => Values.TryGetValue(name, out var v) ? v : null;

    public override string ToString() =>
        Values.Count == 0
            ? Code
            : Code + " " + string.Join(' ', Values.Select(kv => kv.Key + "=" + kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A percentile rank of a current value against the symbol's own history over one window.</summary>
/// <param name="Window">Requested look-back (7 d, 30 d, 90 d …).</param>
/// <param name="Percentile">Share of historical samples at or below the current value, 0..1 (ties count half).</param>
/// <param name="SampleCount">Samples in the part of the window the history covers.</param>
/// <param name="Covered">How much of the window the history actually reaches (≤ <paramref name="Window"/>).</param>
public sealed record PercentileRank(TimeSpan Window, double Percentile, int SampleCount, TimeSpan Covered)
{
    /// <summary>True when the history reaches back over the whole window.</summary>
    public bool IsFullWindow => Covered >= Window;
}

/// <summary>Which way a value sits relative to its history or thresholds.</summary>
public enum Extremity
{
    None,
    High,
    Low,
}

// ---------------------------------------------------------------- 1. Funding

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

// ---------------------------------------------------------------- 2. Open interest

/// <summary>OI change over one window.</summary>
/// <param name="ContractsChange">Fractional change in contracts (0.05 = +5 %); null when the series does not reach back.</param>
/// <param name="ValueUsdChange">Fractional change in USD notional (includes the price move).</param>
/// <param name="ZScore">The contracts change against the distribution of this symbol's changes over the same window length, when history allows.</param>
public sealed record OiChange(TimeSpan Window, decimal? ContractsChange, decimal? ValueUsdChange, double? ZScore, int HistorySamples);

/// <summary>The open-interest signal for one symbol.</summary>
/// <param name="Contracts">Latest OI in contracts (base units).</param>
/// <param name="ValueUsd">Latest OI notional in USD.</param>
/// <param name="Changes">1 h / 4 h / 24 h changes.</param>
/// <param name="OiToVolume24h">OI USD / futures 24 h quote volume, when the ticker is known and volume is non-zero.</param>
/// <param name="DerivativesToSpotVolume">Futures 24 h quote volume / spot 24 h quote volume (both USD, so the contract multiplier cancels).</param>
/// <param name="FuturesVolumeInSpotUnits">Futures 24 h base volume × <paramref name="SpotMultiplier"/>: comparable with the spot base volume.</param>
public sealed record OpenInterestSignal(
    SignalStatus Status,
    DateTimeOffset? Time,
    decimal Contracts,
    decimal ValueUsd,
    IReadOnlyList<OiChange> Changes,
    decimal? OiToVolume24h,
    decimal? FuturesQuoteVolume24h,
    decimal? SpotQuoteVolume24h,
    decimal? DerivativesToSpotVolume,
    decimal SpotMultiplier,
    decimal? FuturesVolumeInSpotUnits,
    OpenInterestSignalOptions Thresholds,
    SignalReason Reason)
{
    /// <summary>The change for a window, when it was computed.</summary>
    public OiChange? ChangeOver(TimeSpan window) => Changes.FirstOrDefault(c => c.Window == window);
}

// ---------------------------------------------------------------- 3. Quadrant

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

// ---------------------------------------------------------------- 4. Price × OI

/// <summary>Price × OI regime over a window.</summary>
public enum PriceOiRegime
{
    /// <summary>Price or OI moved less than the thresholds.</summary>
    Indecisive,
    /// <summary>Price up, OI up: new longs, trend strengthening.</summary>
    NewLongs,
    /// <summary>Price up, OI down: short covering, trend weakening.</summary>
    ShortCovering,
    /// <summary>Price down, OI up: new shorts.</summary>
    NewShorts,
    /// <summary>Price down, OI down: longs capitulating.</summary>
    LongCapitulation,
}

/// <summary>Funding/OI divergences.</summary>
public enum FundingOiDivergence
{
    None,
    /// <summary>High funding while OI falls: longs pay up but leave; topping risk.</summary>
    ToppingRisk,
    /// <summary>Low or negative funding while OI rises: shorts build up; bottoming setup.</summary>
    BottomingSetup,
}

public sealed record PriceOiSignal(
    SignalStatus Status,
    TimeSpan Window,
    decimal? PriceChange,
    decimal? OiChange,
    decimal? FundingPer8h,
    PriceOiRegime Regime,
    FundingOiDivergence Divergence,
    PriceOiOptions Thresholds,
    decimal ElevatedFundingPer8h,
    SignalReason Reason);

// ---------------------------------------------------------------- 5. Long/short

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

// ---------------------------------------------------------------- 6. RSI

/// <summary>RSI band: the strongest band reached (Overbought3 = ≥ 90 by default).</summary>
public enum RsiZone
{
    Neutral,
    Overbought1,
    Overbought2,
    Overbought3,
    Oversold1,
    Oversold2,
    Oversold3,
}

/// <param name="Interval">Candle interval the RSI was computed on.</param>
/// <param name="Value">RSI on closed candles only (the candle still forming at <c>now</c> is excluded); zones, stacked conditions and alerts use it.</param>
/// <param name="CandlesUsed">Closed candles used.</param>
/// <param name="StackedOverheating">RSI ≥ Overbought1 AND funding elevated positive AND the global long/short ratio high at once.</param>
/// <param name="StackedOversold">The mirror: RSI ≤ Oversold1 AND funding elevated negative AND the ratio low.</param>
public sealed record RsiSignal(
    SignalStatus Status,
    KlineInterval Interval,
    int Period,
    double? Value,
    RsiZone Zone,
    int CandlesUsed,
    bool StackedOverheating,
    bool StackedOversold,
    RsiOptions Thresholds,
    SignalReason Reason)
{
    /// <summary>RSI including the candle still forming at <c>now</c>, for display beside <see cref="Value"/>; null when the newest candle has closed.</summary>
    public double? FormingValue { get; init; }
}

// ---------------------------------------------------------------- 7. Liquidations

public sealed record LiquidationWindow(TimeSpan Window, decimal LongUsd, decimal ShortUsd, int LongCount, int ShortCount)
{
    public decimal TotalUsd => LongUsd + ShortUsd;
}

/// <param name="PeakUsdPerMinute">USD liquidated in the busiest minute of the lookback.</param>
/// <param name="BaselineUsdPerMinute">Average USD per minute over the baseline window; null when the observed span is too short.</param>
/// <param name="Ratio">Peak / baseline, when the baseline is known and non-zero.</param>
public sealed record CascadeDetection(
    bool Active,
    DateTimeOffset? PeakMinute,
    decimal PeakUsdPerMinute,
    decimal? BaselineUsdPerMinute,
    decimal? Ratio,
    PositionSide? DominantSide);

/// <summary>One venue's share of the merged liquidation flow: USD liquidated (both sides) over 1 h / 4 h / 24 h.</summary>
/// <param name="Venue">Venue id (<c>binance</c>, <c>bybit</c>, <c>okx</c>, <c>gate</c>).</param>
public sealed record LiquidationVenueTotals(string Venue, decimal Usd1h, decimal Usd4h, decimal Usd24h, int Count24h);

/// <param name="TotalsAreLowerBound">True for Binance: its stream is a one-per-second snapshot per symbol, so totals undercount.</param>
public sealed record LiquidationSignal(
    SignalStatus Status,
    IReadOnlyList<LiquidationWindow> Windows,
    IReadOnlyList<Liquidation> Largest,
    CascadeDetection Cascade,
    bool TotalsAreLowerBound,
    LiquidationSignalOptions Thresholds,
    SignalReason Reason)
{
    public LiquidationWindow? Over(TimeSpan window) => Windows.FirstOrDefault(w => w.Window == window);

    /// <summary>Per-venue totals of the merged flow, largest 24 h total first (empty when nothing was observed).</summary>
    public IReadOnlyList<LiquidationVenueTotals> Venues { get; init; } = [];
}

// ---------------------------------------------------------------- 8. Estimated liquidation levels

/// <summary>An estimated outstanding liquidation level.</summary>
/// <param name="Price">Price at which these positions would be liquidated.</param>
/// <param name="NotionalUsd">Estimated notional at risk there, USD.</param>
public readonly record struct LiquidationLevel(PositionSide Side, decimal Price, decimal NotionalUsd);

/// <summary>The current estimated profile: totals and the largest clusters on each side of the mark.</summary>
public sealed record LiquidationProfile(
    decimal MarkPrice,
    decimal TotalLongUsd,
    decimal TotalShortUsd,
    IReadOnlyList<LiquidationCluster> LongClusters,
    IReadOnlyList<LiquidationCluster> ShortClusters);

/// <summary>Output of <see cref="LiquidationLevels.Build"/>.</summary>
/// <param name="Grid">Heatmap grid, one column per bar; null when there was too little data.</param>
/// <param name="Profile">Profile after the last bar; null when there was too little data.</param>
public sealed record LiquidationLevelResult(
    SignalStatus Status,
    LiquidationLevelGrid? Grid,
    LiquidationProfile? Profile,
    int BarsApplied,
    SignalReason Reason);

// ---------------------------------------------------------------- 9. Market phase

public enum MarketPhase
{
    Neutral,
    HealthyGrowth,
    LeverageBubble,
    Deleveraging,
}

/// <param name="OiChange">OI contracts change over the window (fraction).</param>
/// <param name="LiquidationIntensity">Liquidated USD over the window / current OI USD.</param>
public sealed record MarketPhaseSignal(
    SignalStatus Status,
    MarketPhase Phase,
    TimeSpan Window,
    decimal? OiChange,
    decimal? FundingPer8h,
    FundingLevel FundingLevel,
    decimal? LiquidationIntensity,
    MarketPhaseOptions Thresholds,
    SignalReason Reason);

// ---------------------------------------------------------------- Report

/// <summary>All signals for one symbol at one instant (<see cref="SignalEngine.Compute"/>).</summary>
/// <param name="IsStale">The snapshot was stale at <paramref name="ComputedAt"/> (see <see cref="MarketSnapshot.IsStale"/>).</param>
public sealed record SignalReport(
    string Venue,
    Symbol Symbol,
    DateTimeOffset ComputedAt,
    DateTimeOffset DataTime,
    bool IsStale,
    FundingSignal Funding,
    OpenInterestSignal OpenInterest,
    QuadrantSignal Quadrant,
    PriceOiSignal PriceOi,
    LongShortSignal LongShort,
    RsiSignal Rsi,
    LiquidationSignal Liquidations,
    MarketPhaseSignal Phase);
