namespace DerivBot.Venues.Binance;

// Binance history rows (funding rates, open-interest history, long/short ratios, taker volume) as source-generated
// DTOs; the rules are BinanceWire's.

internal sealed class BinanceFundingRateDto
{
    public long? FundingTime { get; init; }
    public decimal? FundingRate { get; init; }
    public decimal? MarkPrice { get; init; }
}

internal sealed class BinanceOpenInterestHistDto
{
    public long? Timestamp { get; init; }
    public decimal? SumOpenInterest { get; init; }
    public decimal? SumOpenInterestValue { get; init; }
}

internal sealed class BinanceRatioDto
{
    public long? Timestamp { get; init; }
    public decimal? LongShortRatio { get; init; }
    public decimal? LongAccount { get; init; }
    public decimal? ShortAccount { get; init; }
}

internal sealed class BinanceTakerVolumeDto
{
    public long? Timestamp { get; init; }
    public decimal? BuySellRatio { get; init; }
    public decimal? BuyVol { get; init; }
    public decimal? SellVol { get; init; }
}
