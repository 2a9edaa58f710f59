namespace DerivBot.Core.Markets;

/// <summary>Mark/index price and the live (predicted) funding rate for one symbol (Binance <c>premiumIndex</c> or a <c>markPriceUpdate</c>).</summary>
/// <param name="FundingRate">Predicted rate for the next settlement: fraction per funding interval, 0.0001 = 0.01 %.</param>
public readonly record struct PremiumIndex(
    Symbol Symbol,
    decimal MarkPrice,
    decimal IndexPrice,
    decimal EstimatedSettlePrice,
    decimal FundingRate,
    decimal InterestRate,
    DateTimeOffset NextFundingTime,
    DateTimeOffset Time);

/// <summary>A settled funding payment.</summary>
/// <param name="Rate">Fraction per funding interval, 0.0001 = 0.01 %.</param>
public readonly record struct FundingRatePoint(DateTimeOffset Time, decimal Rate, decimal? MarkPrice);

/// <summary>A symbol whose funding parameters were adjusted (Binance <c>fundingInfo</c>). Symbols not listed settle every 8 h.</summary>
/// <param name="Cap">Adjusted cap, fraction per interval.</param>
/// <param name="Floor">Adjusted floor, fraction per interval.</param>
public sealed record FundingInfoEntry(Symbol Symbol, int IntervalHours, decimal Cap, decimal Floor);
