using System.Text.Json.Serialization;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Gate;

/// <summary>The source-generated reader of Gate's REST bodies (<see cref="GateContractDto"/> and its siblings): snake_case
/// names, string-or-number decimals, whole-number integers, JSON-true flags.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = 32,
    Converters = [typeof(WireDecimalConverter), typeof(WireWholeInt64Converter), typeof(WireFlagConverter)])]
[JsonSerializable(typeof(List<GateContractDto?>))]
[JsonSerializable(typeof(List<GateTickerDto?>))]
[JsonSerializable(typeof(List<GateContractStatDto?>))]
[JsonSerializable(typeof(List<GateLiquidationDto?>))]
internal sealed partial class GateJsonContext : JsonSerializerContext;
