namespace DerivBot.Venues.Binance;

// Binance per-symbol market values (premium index, fundingInfo, open interest, 24 h tickers) as source-generated DTOs;
// the rules are BinanceWire's.

internal sealed class BinancePremiumIndexDto : BinanceObjectDto
{
    public string? Symbol { get; init; }
    public decimal? MarkPrice { get; init; }
    public decimal? IndexPrice { get; init; }
    public decimal? EstimatedSettlePrice { get; init; }
    public decimal? LastFundingRate { get; init; }
    public decimal? InterestRate { get; init; }
    public long? NextFundingTime { get; init; }
    public long? Time { get; init; }
}

/// <summary><c>/fapi/v1/fundingInfo</c>; Aster's copy names the bounds <c>fundingFeeCap</c>/<c>fundingFeeFloor</c>.</summary>
internal sealed class BinanceFundingInfoDto
{
    public string? Symbol { get; init; }
    public long? FundingIntervalHours { get; init; }
    public decimal? AdjustedFundingRateCap { get; init; }
    public decimal? AdjustedFundingRateFloor { get; init; }
    public decimal? FundingFeeCap { get; init; }
    public decimal? FundingFeeFloor { get; init; }
}

internal sealed class BinanceOpenInterestDto
{
    public decimal? OpenInterest { get; init; }
    public long? Time { get; init; }
}

internal sealed class BinanceTickerDto : BinanceObjectDto
{
    public string? Symbol { get; init; }
    public decimal? LastPrice { get; init; }
    public decimal? PriceChangePercent { get; init; }
    public decimal? Volume { get; init; }
    public decimal? QuoteVolume { get; init; }
    public long? OpenTime { get; init; }
    public long? CloseTime { get; init; }
}
