using System.Text.Json.Serialization;

namespace DerivBot.Venues.Hyperliquid;

// Hyperliquid's metaAndAssetCtxs reply as System.Text.Json source-generated DTOs (apis.md B.3): a two-element array
// [meta, assetCtxs] (read by HyperliquidMetaAndCtxsConverter), every value a string (numbers accepted too) read by
// WireDecimalConverter, isDelisted counting only as JSON true. Everything is nullable; which fields are required is
// decided in HyperliquidVenue.Parse, so errors name the field.

/// <summary>The reply <c>[meta, assetCtxs]</c>: <c>AssetCtxs[i]</c> belongs to <c>Meta.Universe[i]</c>.</summary>
[JsonConverter(typeof(HyperliquidMetaAndCtxsConverter))]
internal sealed record HyperliquidMetaAndCtxs(HyperliquidMetaDto? Meta, List<HyperliquidAssetCtxDto?>? AssetCtxs);

internal sealed class HyperliquidMetaDto
{
    public List<HyperliquidUniverseDto?>? Universe { get; init; }
}

/// <summary>One listing of <c>meta.universe</c>: its name (<c>kPEPE</c> counts thousands) and whether it is delisted.</summary>
internal sealed class HyperliquidUniverseDto
{
    public string? Name { get; init; }
    public bool IsDelisted { get; init; }
}

/// <summary>One entry of <c>assetCtxs</c>: per listed unit, funding per hour, open interest in coins of the listing.</summary>
internal sealed class HyperliquidAssetCtxDto
{
    public decimal? MarkPx { get; init; }
    public decimal? OpenInterest { get; init; }
    public decimal? Funding { get; init; }
    public decimal? DayNtlVlm { get; init; }
}
