using System.Text.Json;
using System.Text.Json.Serialization;
using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

// Binance USDⓈ-M REST bodies as System.Text.Json source-generated DTOs (apis.md section A). Field names are Binance's
// own (camelCase, case-sensitive); decimals are `decimal?` read by WireDecimalConverter (strings, numbers, "" = null)
// and times/counts `long?` read by WireInt64Converter (numbers or numeric strings). Everything is nullable: which
// fields are required, and what a missing one means, is decided where the DTO becomes a domain record
// (BinanceParsers), so the error names the endpoint and the field.

/// <summary>Any object body: carries Binance's error envelope fields (<c>{"code":-1121,"msg":"Invalid symbol."}</c>)
/// so an error where data was expected is recognised without a second parse.</summary>
internal class BinanceObjectDto
{
    [JsonPropertyName("code")]
    public JsonElement Code { get; init; }

    [JsonPropertyName("msg")]
    public JsonElement Msg { get; init; }
}

internal sealed class BinanceExchangeInfoDto
{
    public List<BinanceContractDto?>? Symbols { get; init; }
}

internal sealed class BinanceContractDto
{
    public string? Symbol { get; init; }
    public string? BaseAsset { get; init; }
    public string? QuoteAsset { get; init; }
    public string? ContractType { get; init; }
    public string? Status { get; init; }
    public decimal? MaintMarginPercent { get; init; }
    public long? OnboardDate { get; init; }
}

/// <summary>exchangeInfo read for its <c>rateLimits</c> only (the symbols are skipped unread).</summary>
internal sealed class BinanceRateLimitsDto
{
    public List<BinanceRateLimitDto?>? RateLimits { get; init; }
}

internal sealed class BinanceRateLimitDto
{
    public JsonElement RateLimitType { get; init; }
    public JsonElement Interval { get; init; }
    public JsonElement IntervalNum { get; init; }
    public JsonElement Limit { get; init; }
}

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

internal sealed class BinanceFundingRateDto
{
    public long? FundingTime { get; init; }
    public decimal? FundingRate { get; init; }
    public decimal? MarkPrice { get; init; }
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

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    MaxDepth = 16,
    Converters = [typeof(WireDecimalConverter), typeof(WireInt64Converter), typeof(BinanceKlinesConverter)])]
[JsonSerializable(typeof(BinanceObjectDto))]
[JsonSerializable(typeof(BinanceExchangeInfoDto))]
[JsonSerializable(typeof(BinanceRateLimitsDto))]
[JsonSerializable(typeof(List<BinancePremiumIndexDto?>))]
[JsonSerializable(typeof(BinancePremiumIndexDto))]
[JsonSerializable(typeof(List<BinanceFundingRateDto?>))]
[JsonSerializable(typeof(List<BinanceFundingInfoDto?>))]
[JsonSerializable(typeof(BinanceOpenInterestDto))]
[JsonSerializable(typeof(List<BinanceOpenInterestHistDto?>))]
[JsonSerializable(typeof(List<BinanceRatioDto?>))]
[JsonSerializable(typeof(List<BinanceTakerVolumeDto?>))]
[JsonSerializable(typeof(List<BinanceTickerDto?>))]
[JsonSerializable(typeof(BinanceTickerDto))]
// Klines are positional arrays: BinanceKlinesConverter reads them straight into the domain records.
[JsonSerializable(typeof(List<Kline>))]
internal sealed partial class BinanceJsonContext : JsonSerializerContext;
