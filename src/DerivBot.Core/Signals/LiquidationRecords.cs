using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

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
