namespace DerivBot.Application.Reports;

/// <summary>One expiry in <see cref="OptionsData"/>. Open interest in coins; ratios null when the denominator is 0.</summary>
/// <param name="Expiry">The expiry date, "2026-12-25" (Deribit expires at 08:00 UTC).</param>
/// <param name="AtmIv">ATM implied volatility as a fraction (0.55 = 55 %).</param>
public sealed record OptionsExpiryData(
    string Expiry,
    decimal? PutCallOiRatio,
    decimal? PutCallVolumeRatio,
    decimal CallOi,
    decimal PutOi,
    decimal? MaxPain,
    decimal? AtmIv);

/// <summary>What <c>/options</c> (<c>/pcr</c>) returns as JSON (issue #12, exact field names).</summary>
/// <param name="MaxPain">The nearest monthly expiry's max pain (USD).</param>
/// <param name="Reading">CallHeavy, PutHeavy or Balanced, decided on the open-interest ratio; null without open interest.</param>
/// <param name="Reason">The signal's reason code, e.g. <c>options.call_heavy</c>.</param>
public sealed record OptionsData(
    string Asset,
    string Venue,
    decimal? UnderlyingPrice,
    decimal? PutCallOiRatio,
    decimal? PutCallVolumeRatio,
    decimal? CallOiShare,
    IReadOnlyList<OptionsExpiryData> Expiries,
    decimal? MaxPain,
    string? Reading,
    string Reason,
    DateTimeOffset DataTime,
    bool Stale);
