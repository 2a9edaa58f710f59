namespace DerivBot.Venues.Hyperliquid;

/// <summary>Hyperliquid settings. Section <c>Venues:Hyperliquid</c>. No secrets: only the public info API is read.</summary>
public sealed class HyperliquidOptions
{
    public const string SectionName = "Venues:Hyperliquid";

    /// <summary>REST base URL (absolute http/https); the client POSTs to <c>{RestUrl}/info</c>. Default https://api.hyperliquid.xyz.</summary>
    public string RestUrl { get; set; } = "https://api.hyperliquid.xyz";
}
