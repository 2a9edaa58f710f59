namespace DerivBot.Application.Reports;

/// <summary>What <c>/oi</c> returns as JSON. Changes are fractions of contracts (0.0123 = +1.23 %), null when history is too short.</summary>
/// <param name="OpenInterest">Contracts (base-asset units on Binance USDⓈ-M).</param>
/// <param name="OpenInterestUsd">Notional in USD.</param>
/// <param name="OiToVolume">OI notional ÷ 24 h futures quote volume.</param>
/// <param name="DerivSpotVolumeRatio">24 h futures quote volume ÷ 24 h spot quote volume.</param>
/// <param name="Aggregate">The coin across every venue that answered (total OI in coins/USD and the changes of the summed
/// history), beside the primary venue's own numbers above; null when no other venue is configured or none answered.</param>
public sealed record OpenInterestData(
    string Symbol,
    string Venue,
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? Change1h,
    decimal? Change4h,
    decimal? Change24h,
    decimal? OiToVolume,
    decimal? DerivSpotVolumeRatio,
    DateTimeOffset DataTime,
    bool Stale,
    VenueAggregateData? Aggregate = null);
