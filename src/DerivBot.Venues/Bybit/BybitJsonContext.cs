using System.Text.Json.Serialization;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

/// <summary>The source-generated reader of Bybit's v5 market bodies (<see cref="BybitResponse{TItem}"/> and its items).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    MaxDepth = 32,
    Converters = [typeof(WireDecimalConverter), typeof(WireInt64Converter)])]
[JsonSerializable(typeof(BybitResponse<BybitInstrumentDto>))]
[JsonSerializable(typeof(BybitResponse<BybitTickerDto>))]
[JsonSerializable(typeof(BybitResponse<BybitFundingDto>))]
[JsonSerializable(typeof(BybitResponse<BybitOpenInterestDto>))]
[JsonSerializable(typeof(BybitResponse<BybitAccountRatioDto>))]
// Kline rows are positional arrays of strings: [start, open, high, low, close, volume, turnover].
[JsonSerializable(typeof(BybitResponse<decimal?[]>), TypeInfoPropertyName = "BybitKlineResponse")]
internal sealed partial class BybitJsonContext : JsonSerializerContext;
