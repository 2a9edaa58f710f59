using DerivBot.Core.Ports;

namespace DerivBot.Core.Markets;

/// <summary>One venue's figures for one asset as the aggregation sees them.</summary>
/// <param name="Stat">The venue's last good figures.</param>
/// <param name="Stale">True when the venue's latest call failed and <paramref name="Stat"/> is from an earlier call.
/// Stale rows are shown but take no part in the aggregate (it is computed over the venues that answered).</param>
/// <param name="OpenInterestHistory">The venue's OI history for the asset, oldest first, in coins (published history
/// and the bot's own samples); may be empty.</param>
public sealed record VenueInput(VenueInstrumentStat Stat, bool Stale, IReadOnlyList<OpenInterestPoint> OpenInterestHistory);

/// <summary>One row of the per-venue comparison.</summary>
/// <param name="EightHourRate">Funding scaled to 8 h (rate × 8 / interval), fraction; null when the venue sent no rate.</param>
/// <param name="AnnualizedRate">rate × (24 / interval) × 365, fraction; null when the venue sent no rate.</param>
/// <param name="OiShare">This venue's share of the aggregate OI in USD (0..1); null for stale rows (not in the total).</param>
/// <param name="OiToVolume">OI USD ÷ 24 h volume USD; null without a volume.</param>
public sealed record VenueComparisonRow(
    VenueInstrumentStat Stat,
    bool Stale,
    decimal? EightHourRate,
    decimal? AnnualizedRate,
    decimal? OiShare,
    decimal? OiToVolume);

/// <summary>The cross-venue aggregate of one asset. Every "unknown" is null, never 0.</summary>
/// <param name="OpenInterestCoins">Σ OI in coins over the venues that answered.</param>
/// <param name="OpenInterestUsd">Σ OI in USD over the venues that answered.</param>
/// <param name="Change1h">Relative change of the SUMMED OI (coins) of the venues that have history over the window; null when they hold too little of the total.</param>
/// <param name="OiWeightedEightHourRate">Σ(eightHourRate × OI USD) / Σ OI USD over the venues that answered with a rate.</param>
/// <param name="OiWeightedAnnualizedRate"><paramref name="OiWeightedEightHourRate"/> × 3 × 365.</param>
/// <param name="FundingSpreadEightHour">max − min of the venues' 8 h-equivalent rates; null with fewer than two rates.</param>
/// <param name="SignsDisagree">Some venues' longs pay while other venues' shorts pay.</param>
/// <param name="Venues">How many venues answered (fresh rows).</param>
public sealed record VenueAggregate(
    decimal OpenInterestCoins,
    decimal OpenInterestUsd,
    decimal? Change1h,
    decimal? Change4h,
    decimal? Change24h,
    decimal? OiWeightedEightHourRate,
    decimal? OiWeightedAnnualizedRate,
    decimal? FundingSpreadEightHour,
    bool SignsDisagree,
    int Venues);

/// <summary>Rows (largest OI first, stale rows last) and the aggregate of one asset across venues.</summary>
public sealed record VenueComparison(string Asset, IReadOnlyList<VenueComparisonRow> Rows, VenueAggregate Aggregate);
