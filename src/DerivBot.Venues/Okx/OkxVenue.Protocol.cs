using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

public sealed partial class OkxVenue
{
    private sealed class OkxProtocol : IVenueProtocol
    {
        public TimeSpan DefaultRateLimitPause => RateWindow;

        public VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path, int status) => OkxParsers.EnvelopeError(body, path);

        public VenueException? StatusError(int status, ReadOnlySpan<byte> body, string path, TimeSpan? retryAfter) => null;
    }
}
