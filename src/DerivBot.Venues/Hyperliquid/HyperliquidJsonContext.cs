using System.Text.Json.Serialization;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Hyperliquid;

/// <summary>The source-generated reader of Hyperliquid's <c>metaAndAssetCtxs</c> reply.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    MaxDepth = 32,
    Converters = [typeof(WireDecimalConverter), typeof(WireFlagConverter)])]
[JsonSerializable(typeof(HyperliquidMetaAndCtxs))]
[JsonSerializable(typeof(HyperliquidMetaDto))]
[JsonSerializable(typeof(List<HyperliquidAssetCtxDto?>))]
internal sealed partial class HyperliquidJsonContext : JsonSerializerContext;
