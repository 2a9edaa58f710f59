using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

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
