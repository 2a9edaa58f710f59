using System.Text.Json.Serialization;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

/// <summary>The source-generated reader of OKX's v5 bodies (<see cref="OkxResponse{TItem}"/> and its items).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    MaxDepth = 32,
    Converters = [typeof(WireDecimalConverter), typeof(WireInt64Converter)])]
[JsonSerializable(typeof(OkxResponse<OkxInstrumentDto>))]
[JsonSerializable(typeof(OkxResponse<OkxTickerDto>))]
[JsonSerializable(typeof(OkxResponse<OkxOpenInterestDto>))]
[JsonSerializable(typeof(OkxResponse<OkxMarkPriceDto>))]
[JsonSerializable(typeof(OkxResponse<OkxFundingDto>))]
// Candles and Rubik series are positional rows of strings: [ts, o, h, l, c, …] / [ts, oi, oiCcy, oiUsd] / [ts, ratio].
[JsonSerializable(typeof(OkxResponse<decimal?[]>), TypeInfoPropertyName = "OkxRowsResponse")]
internal sealed partial class OkxJsonContext : JsonSerializerContext;
