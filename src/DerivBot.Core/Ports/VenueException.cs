namespace DerivBot.Core.Ports;

/// <summary>What went wrong talking to a venue, in terms the caller can act on.</summary>
public enum VenueErrorKind
{
    Unreachable,
    RateLimited,
    Banned,
    InvalidSymbol,
    BadResponse,
    ServerError,
    Timeout,

    /// <summary>The venue refuses this location (HTTP 451, Binance from the US and some cloud regions): retrying never helps,
    /// another venue must answer instead.</summary>
    RegionBlocked,
}

/// <summary>The one exception type venue adapters throw. Messages are safe to show to users and contain no secrets.</summary>
public sealed class VenueException : Exception
{
    public VenueException(string venue, VenueErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Venue = venue;
        Kind = kind;
    }

    public string Venue { get; }
    public VenueErrorKind Kind { get; }

    /// <summary>HTTP status, when there was a response.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Venue error code (Binance <c>code</c>), when the body had one.</summary>
    public int? VendorCode { get; init; }

    /// <summary>How long the venue asked us to stay away (429/418 <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
