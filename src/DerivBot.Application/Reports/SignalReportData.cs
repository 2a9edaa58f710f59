namespace DerivBot.Application.Reports;

/// <summary>Long/short reading in <see cref="LongShortData"/>.</summary>
public sealed record RatioData(string Series, decimal? Value, double? Percentile, string Extreme);

/// <summary>What <c>/ls</c> returns as JSON.</summary>
public sealed record LongShortData(string Symbol, string Venue, IReadOnlyList<RatioData> Readings, string Reason, DateTimeOffset DataTime, bool Stale);

/// <summary>What <c>/rsi</c> returns as JSON.</summary>
/// <param name="Rsi">RSI on closed candles (what zones and alerts use).</param>
/// <param name="FormingRsi">RSI including the candle still forming, for display; null when the newest candle has closed.</param>
public sealed record RsiData(string Symbol, string Venue, double? Rsi, int Period, string Interval, string Zone, bool StackedOverheating, bool StackedOversold, string Reason, DateTimeOffset DataTime, bool Stale, double? FormingRsi);

/// <summary>What <c>/signal</c> returns as JSON: the headline of every signal. Rates and changes are fractions.</summary>
public sealed record DashboardData(
    string Symbol,
    string Venue,
    string Quadrant,
    string QuadrantReason,
    decimal? FundingRate,
    int FundingIntervalHours,
    decimal? AnnualizedRate,
    decimal OpenInterestUsd,
    decimal? OiChange4h,
    decimal LiquidatedLongUsd24h,
    decimal LiquidatedShortUsd24h,
    decimal? LongShortRatio,
    double? Rsi,
    string Phase,
    string PriceOiRegime,
    DateTimeOffset DataTime,
    bool Stale,
    string QuadrantHorizon);
