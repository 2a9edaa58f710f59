using System.Text.Json.Serialization;

namespace DerivBot.Venues.Deribit;

/// <summary>The source-generated reader of Deribit's JSON-RPC replies (<see cref="DeribitEnvelope"/> and its kinds):
/// snake_case names, numbers only as JSON numbers, text only as JSON strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = 32,
    Converters = [typeof(DeribitNumberConverter), typeof(DeribitIntegerConverter), typeof(DeribitTextConverter)])]
[JsonSerializable(typeof(DeribitBookSummaryResponse))]
[JsonSerializable(typeof(DeribitCurrenciesResponse))]
[JsonSerializable(typeof(DeribitErrorResponse))]
[JsonSerializable(typeof(DeribitSummaryDto))]
[JsonSerializable(typeof(DeribitCurrencyDto))]
internal sealed partial class DeribitJsonContext : JsonSerializerContext;
