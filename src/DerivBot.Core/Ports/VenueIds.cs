namespace DerivBot.Core.Ports;

/// <summary>Venue ids as they appear in configuration (<c>Venues:Enabled</c>), reports, JSON and storage (lower case).</summary>
public static class VenueIds
{
    public const string Binance = "binance";
    public const string Bybit = "bybit";
    public const string Okx = "okx";
    public const string Hyperliquid = "hyperliquid";
    public const string Gate = "gate";
    public const string Aster = "aster";
    public const string Deribit = "deribit";

    /// <summary>The perpetuals venues in their default display order.</summary>
    public static readonly IReadOnlyList<string> Perpetuals = [Binance, Bybit, Okx, Hyperliquid, Gate, Aster];
}
