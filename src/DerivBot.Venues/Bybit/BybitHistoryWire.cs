namespace DerivBot.Venues.Bybit;

// Bybit v5 history rows (funding, open interest, account ratio) as source-generated DTOs; see BybitWire.

internal sealed class BybitFundingDto
{
    public long? FundingRateTimestamp { get; init; }
    public decimal? FundingRate { get; init; }
}

internal sealed class BybitOpenInterestDto
{
    public long? Timestamp { get; init; }
    public decimal? OpenInterest { get; init; }
}

internal sealed class BybitAccountRatioDto
{
    public long? Timestamp { get; init; }
    public decimal? BuyRatio { get; init; }
    public decimal? SellRatio { get; init; }
}
