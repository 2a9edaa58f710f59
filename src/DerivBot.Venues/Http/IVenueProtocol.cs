using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// How one venue's REST protocol reports errors: what its envelope says about a body, and any status codes with a
/// venue-specific meaning (Bybit's 403 ban). Implemented per venue; the transport itself stays generic.
/// </summary>
internal interface IVenueProtocol
{
    /// <summary>Default pause after a 429 that carries no usable <c>Retry-After</c> (the venue's rate window).</summary>
    TimeSpan DefaultRateLimitPause { get; }

    /// <summary>
    /// The error a body's envelope reports (<c>retCode</c> ≠ 0, <c>code</c> ≠ "0"), or null when the envelope says OK
    /// or cannot be read (the parser then reports the malformed body). A returned RateLimited/Banned error with a
    /// <see cref="VenueException.RetryAfter"/> pauses the whole host for that long.
    /// </summary>
    VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path, int status);

    /// <summary>A venue-specific reading of an HTTP failure status (e.g. Bybit 403 = IP ban), or null for the generic one.</summary>
    VenueException? StatusError(int status, ReadOnlySpan<byte> body, string path, TimeSpan? retryAfter);
}
