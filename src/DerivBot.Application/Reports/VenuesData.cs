using DerivBot.Core.Markets;

namespace DerivBot.Application.Reports;

/// <summary>One venue row of <c>/venues</c> JSON. Rates and shares are fractions; OI in coins of the asset.</summary>
/// <param name="Symbol">The venue's own listing name (<c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>, <c>kPEPE</c>).</param>
/// <param name="FundingRate">Current/predicted rate per <paramref name="FundingIntervalHours"/>; null when the venue sent none.</param>
/// <param name="OiShare">Share of the aggregate OI (USD); null for stale rows, which are not in the aggregate.</param>
/// <param name="Stale">The venue's latest call failed; these are its last good figures.</param>
public sealed record VenueRowData(
    string Venue,
    string Symbol,
    decimal? FundingRate,
    int FundingIntervalHours,
    decimal? EightHourRate,
    decimal? AnnualizedRate,
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? OiShare,
    decimal? Volume24hUsd,
    decimal? OiToVolume,
    decimal MarkPrice,
    DateTimeOffset DataTime,
    bool Stale);

/// <summary>The cross-venue aggregate in JSON (over the venues that answered). Unknown values are null, never 0.</summary>
/// <param name="OpenInterest">Σ OI in coins.</param>
/// <param name="Change1h">Change of the summed OI (coins) of the venues with history over the hour.</param>
public sealed record VenueAggregateData(
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? Change1h,
    decimal? Change4h,
    decimal? Change24h,
    decimal? OiWeightedEightHourRate,
    decimal? OiWeightedAnnualizedRate,
    decimal? FundingSpreadEightHour)
{
    public static VenueAggregateData From(VenueAggregate a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.OpenInterestCoins, a.OpenInterestUsd, a.Change1h, a.Change4h, a.Change24h,
            a.OiWeightedEightHourRate, a.OiWeightedAnnualizedRate, a.FundingSpreadEightHour);
    }
}

/// <summary>A venue whose latest call failed, with the reason in the chat's language.</summary>
public sealed record MissingVenueData(string Venue, string Reason);

/// <summary>What <c>/venues</c> returns as JSON (field names fixed by the issue; scripts read them).</summary>
public sealed record VenuesData(string Asset, IReadOnlyList<VenueRowData> Venues, VenueAggregateData Aggregate, IReadOnlyList<MissingVenueData> Missing);
