namespace DerivBot.Venues.Aster;

/// <summary>Aster (perp DEX) futures settings. Section <c>Venues:Aster</c>. No secrets: only public market data is read.</summary>
public sealed class AsterOptions
{
    public const string SectionName = "Venues:Aster";

    /// <summary>Futures REST base URL (absolute http/https); Binance-shaped <c>/fapi/v1/*</c> paths are appended. Default https://fapi.asterdex.com.</summary>
    public string RestUrl { get; set; } = "https://fapi.asterdex.com";
}
