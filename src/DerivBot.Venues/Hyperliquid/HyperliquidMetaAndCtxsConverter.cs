using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Hyperliquid;

/// <summary>
/// Reads the two-element array <c>[meta, assetCtxs]</c> by position — a converter, because a source-generated DTO maps
/// object properties, not array slots. Each element is read by the context's own DTO metadata; elements after the
/// second are skipped, fewer than two is a wire error.
/// </summary>
internal sealed class HyperliquidMetaAndCtxsConverter : JsonConverter<HyperliquidMetaAndCtxs>
{
    public override HyperliquidMetaAndCtxs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException($"must be [meta, assetCtxs], got {reader.TokenType}");
        }
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new WireValueException("must be [meta, assetCtxs], got 0 element(s)");
        }
        var meta = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<HyperliquidMetaDto>)options.GetTypeInfo(typeof(HyperliquidMetaDto)));
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new WireValueException("must be [meta, assetCtxs], got 1 element(s)");
        }
        var contexts = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<List<HyperliquidAssetCtxDto?>>)options.GetTypeInfo(typeof(List<HyperliquidAssetCtxDto?>)));
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
        return new HyperliquidMetaAndCtxs(meta, contexts);
    }

    public override void Write(Utf8JsonWriter writer, HyperliquidMetaAndCtxs value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
