using DerivBot.Core.Ports;

namespace DerivBot.Venues;

/// <summary>Venue ids as people write them: <c>okx</c> → OKX, <c>binance</c> → Binance.</summary>
public static class VenueDisplay
{
    public static string Of(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return venue.ToLowerInvariant() switch
        {
            VenueIds.Okx => "OKX",
            "" => venue,
            var id => char.ToUpperInvariant(id[0]) + id[1..],
        };
    }
}
