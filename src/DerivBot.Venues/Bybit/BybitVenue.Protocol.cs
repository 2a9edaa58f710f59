using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

public sealed partial class BybitVenue
{
    /// <summary>Bybit's error conventions for <see cref="VenueRestClient"/>.</summary>
    private sealed class BybitProtocol : IVenueProtocol
    {
        public TimeSpan DefaultRateLimitPause => IpWindow;

        public VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path, int status) => BybitParsers.EnvelopeError(body, path);

        public VenueException? StatusError(int status, ReadOnlySpan<byte> body, string path, TimeSpan? retryAfter)
        {
            if (status != 403)
            {
                return null;
            }
            var text = System.Text.Encoding.UTF8.GetString(body);
            if (text.Contains("country", StringComparison.OrdinalIgnoreCase) || text.Contains("region", StringComparison.OrdinalIgnoreCase))
            {
                // Bybit's CDN answers 403 "configured to block access from your country": a geo block, not a ban.
                return new VenueException(VenueIds.Bybit, VenueErrorKind.RegionBlocked,
                    $"{VenueIds.Bybit}: the API refuses requests from this location (HTTP 403); configure a proxy or another base URL")
                {
                    HttpStatus = status,
                };
            }
            var ban = retryAfter is { } r && r > TimeSpan.Zero ? r : DefaultBan;
            return new VenueException(VenueIds.Bybit, VenueErrorKind.Banned,
                $"{VenueIds.Bybit}: the API banned this IP for too many requests (HTTP 403 on {path}); nothing is sent for another {Math.Ceiling(ban.TotalSeconds)} s")
            {
                HttpStatus = status,
                RetryAfter = ban,
            };
        }
    }
}
