namespace DerivBot.Application.Reports;

/// <summary>A settled funding payment in <see cref="FundingData"/>.</summary>
/// <param name="Rate">Fraction per funding interval, 0.0001 = 0.01 %.</param>
public sealed record SettledFunding(DateTimeOffset Time, decimal Rate);

/// <summary>A percentile of the current rate against the symbol's own settled history.</summary>
/// <param name="Percentile">0..1.</param>
public sealed record FundingPercentile(int WindowDays, double Percentile, int Samples);

/// <summary>What <c>/funding</c> returns as JSON. Rates are fractions (0.0001 = 0.01 %).</summary>
/// <param name="FundingRate">Predicted rate for the next settlement, per interval.</param>
/// <param name="EightHourRate">The rate scaled to an 8-hour interval (rate × 8 / interval).</param>
/// <param name="AnnualizedRate">rate × (24 / interval) × 365.</param>
/// <param name="Level">Absolute level: Normal, ElevatedPositive, ExtremePositive, ElevatedNegative, ExtremeNegative.</param>
/// <param name="PercentileExtreme">None, High or Low against the symbol's own history.</param>
/// <param name="Reason">The signal engine's reason code, e.g. <c>funding.elevated_positive</c>.</param>
/// <param name="Aggregate">The coin across every venue that answered (OI-weighted funding, spread, total OI), beside the
/// primary venue's own numbers above; null when no other venue is configured or none answered.</param>
public sealed record FundingData(
    string Symbol,
    string Venue,
    decimal FundingRate,
    int FundingIntervalHours,
    decimal EightHourRate,
    decimal AnnualizedRate,
    DateTimeOffset NextFundingTime,
    decimal MarkPrice,
    IReadOnlyList<SettledFunding> LastSettled,
    IReadOnlyList<FundingPercentile> Percentiles,
    string Level,
    string PercentileExtreme,
    bool SettledSignFlip,
    bool PendingSignFlip,
    int PersistenceCount,
    string Reason,
    DateTimeOffset DataTime,
    bool Stale,
    VenueAggregateData? Aggregate = null);
