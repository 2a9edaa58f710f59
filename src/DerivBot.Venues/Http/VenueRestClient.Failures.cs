using System.Globalization;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

// A failed response as a VenueException: the venue's own envelope first, then the status code, with Retry-After.
internal sealed partial class VenueRestClient
{
    private VenueException MapStatus(string path, HttpResponseMessage response, int status, byte[] body)
    {
        var retryAfter = RetryAfterOf(response);
        if (_protocol.StatusError(status, body, path, retryAfter) is { } special)
        {
            return special;
        }
        var envelope = _protocol.EnvelopeError(body, path, status);
        var vendor = envelope?.VendorCode is { } code ? $" (code {code})" : "";
        switch (status)
        {
            case 429:
            {
                var pause = retryAfter is { } r && r > TimeSpan.Zero ? r : _protocol.DefaultRateLimitPause;
                return new VenueException(Venue, VenueErrorKind.RateLimited,
                    $"{Venue}: {Gate.Host} rate limit hit on {path} (HTTP 429{vendor}); nothing is sent for another {Math.Ceiling(pause.TotalSeconds)} s")
                {
                    HttpStatus = status,
                    VendorCode = envelope?.VendorCode,
                    RetryAfter = pause,
                };
            }
            case 451:
                return new VenueException(Venue, VenueErrorKind.RegionBlocked,
                    $"{Venue}: {Gate.Host} refuses requests from this location (HTTP 451); configure a proxy or another base URL")
                {
                    HttpStatus = status,
                };
            case >= 500:
                return new VenueException(Venue, VenueErrorKind.ServerError, $"{Venue}: {Gate.Host} failed on {path} with HTTP {status}{vendor}")
                {
                    HttpStatus = status,
                    VendorCode = envelope?.VendorCode,
                };
            default:
                if (envelope is not null && envelope.Kind is not VenueErrorKind.BadResponse)
                {
                    // The envelope knows better than the status (OKX answers an unknown instrument with 400 + code 51001).
                    return new VenueException(Venue, envelope.Kind, envelope.Message)
                    {
                        HttpStatus = status,
                        VendorCode = envelope.VendorCode,
                        RetryAfter = envelope.RetryAfter,
                    };
                }
                return new VenueException(Venue, VenueErrorKind.BadResponse, $"{Venue}: {Gate.Host} rejected {path} with HTTP {status}{vendor}")
                {
                    HttpStatus = status,
                    VendorCode = envelope?.VendorCode,
                };
        }
    }

    /// <summary><c>Retry-After</c> in seconds or as an HTTP date, when present.</summary>
    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            return header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);
        }
        if (response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }
}
