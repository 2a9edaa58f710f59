using System.Text.Json.Serialization;
using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

/// <summary>The source-generated reader of Binance USDⓈ-M REST bodies (<see cref="BinanceObjectDto"/> and its siblings,
/// klines by <see cref="BinanceKlinesConverter"/>).</summary>
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
