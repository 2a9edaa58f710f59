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
