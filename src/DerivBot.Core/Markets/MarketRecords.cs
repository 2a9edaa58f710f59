namespace DerivBot.Core.Markets;

// Wire-independent market records. Prices, quantities and rates are decimal; instants are UTC DateTimeOffset.
// Point types are record structs so that long in-memory histories stay compact.

/// <summary>A perpetual contract from the venue's instrument list (Binance <c>exchangeInfo</c>).</summary>
/// <param name="BaseAsset">Base asset as the venue names it, including any multiplier prefix (<c>1000PEPE</c>).</param>
/// <param name="MaintenanceMarginPercent">Maintenance margin in percent (2.5 = 2.5 %), when the venue reports it.</param>
public sealed record PerpetualContract(
    Symbol Symbol,
    string BaseAsset,
    string QuoteAsset,
    string ContractType,
    string Status,
    decimal? MaintenanceMarginPercent,
    DateTimeOffset OnboardDate);

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

/// <summary>Open interest at one instant.</summary>
/// <param name="Contracts">Open interest in contracts (base-asset units on Binance USDⓈ-M).</param>
/// <param name="ValueUsd">Notional in USD(T); for the live <c>openInterest</c> endpoint this is contracts × mark price.</param>
public readonly record struct OpenInterestPoint(DateTimeOffset Time, decimal Contracts, decimal ValueUsd);

/// <summary>Which Binance long/short statistic a <see cref="RatioPoint"/> belongs to.</summary>
public enum RatioKind
{
    /// <summary>All accounts, by account count (<c>globalLongShortAccountRatio</c>).</summary>
    GlobalAccounts,
    /// <summary>Top 20 % traders by margin, by account count (<c>topLongShortAccountRatio</c>).</summary>
    TopTraderAccounts,
    /// <summary>Top traders by position size (<c>topLongShortPositionRatio</c>).</summary>
    TopTraderPositions,
}

/// <summary>A long/short statistic. <paramref name="LongShare"/> + <paramref name="ShortShare"/> ≈ 1; Ratio = long / short.</summary>
public readonly record struct RatioPoint(DateTimeOffset Time, decimal Ratio, decimal LongShare, decimal ShortShare);

/// <summary>Taker buy/sell volume over one period (base-asset units).</summary>
public readonly record struct TakerVolumePoint(DateTimeOffset Time, decimal BuySellRatio, decimal BuyVolume, decimal SellVolume);

/// <summary>One candle. Volumes: base units; quote volumes: USD(T).</summary>
public readonly record struct Kline(
    DateTimeOffset OpenTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    DateTimeOffset CloseTime,
    decimal QuoteVolume,
    long Trades,
    decimal TakerBuyVolume,
    decimal TakerBuyQuoteVolume);

/// <summary>24-hour rolling ticker (futures or spot).</summary>
/// <param name="PriceChangePercent">Percent, 1.5 = 1.5 % (as the venue sends it).</param>
/// <param name="QuoteVolume">24 h volume in the quote asset (USDT).</param>
public sealed record Ticker24h(
    Symbol Symbol,
    decimal LastPrice,
    decimal PriceChangePercent,
    decimal Volume,
    decimal QuoteVolume,
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime);

/// <summary>The side of the position that was force-closed.</summary>
public enum PositionSide
{
    /// <summary>A long was liquidated (Binance order side SELL).</summary>
    Long,
    /// <summary>A short was liquidated (Binance order side BUY).</summary>
    Short,
}

/// <summary>A forced liquidation. Binance's all-market stream sends at most one per symbol per second, so sums are lower bounds.</summary>
public readonly record struct Liquidation(
    Symbol Symbol,
    PositionSide Side,
    decimal Price,
    decimal AveragePrice,
    decimal Quantity,
    DateTimeOffset Time,
    string? Venue = null)
{
    /// <summary>Filled quantity × average price, in USD(T). <see cref="Venue"/> is the venue id (<c>bybit</c>, <c>okx</c>);
    /// null means the primary venue's own stream.</summary>
    public decimal NotionalUsd => Quantity * (AveragePrice != 0 ? AveragePrice : Price);
}
