using DerivBot.Core.Ports;

namespace DerivBot.Application.Reports;

/// <summary>Venue ids as people write them: <c>okx</c> → OKX, <c>hyperliquid</c> → Hyperliquid.</summary>
public static class VenueDisplay
{
    public static string Name(string venue) => venue switch
    {
        VenueIds.Binance => "Binance",
        VenueIds.Bybit => "Bybit",
        VenueIds.Okx => "OKX",
        VenueIds.Hyperliquid => "Hyperliquid",
        VenueIds.Gate => "Gate",
        VenueIds.Aster => "Aster",
        VenueIds.Deribit => "Deribit",
        _ => ReportParts.VenueName(venue),
    };
}
