namespace DerivBot.Core.Signals;

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
