using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// Field rules for the venue payloads (Bybit, OKX, Gate, Hyperliquid; apis.md B.1/B.2/B.3/B.5) that are not the
/// converters' job: which fields are required, epoch-millisecond times, positional rows, error envelopes. Numbers arrive
/// as JSON strings (numbers are accepted too), an empty string means "not applicable", unknown fields are ignored,
/// invariant culture. Every failure is a <see cref="VenueException"/> with <see cref="VenueErrorKind.BadResponse"/>
/// naming the venue and the endpoint (<paramref name="What"/>). REST bodies go through source-generated DTOs
/// (<c>VenueJson.Dtos.cs</c>); the liquidation-stream frames of Bybit and OKX through JsonElement readers
/// (<c>VenueJson.Elements.cs</c>).
/// </summary>
internal readonly partial record struct VenueJson(string Venue, string What)
{
    public DateTimeOffset FromMs(long ms, string name)
    {
        // Year 2000 .. 2200: anything else is seconds, microseconds or garbage.
        if (ms < 946_684_800_000L || ms > 7_258_118_400_000L)
        {
            throw Bad($"{What}: '{name}' = {ms} is not an epoch-millisecond time");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    public VenueException Missing(string name) => Bad($"{What}: required field '{name}' is missing or empty");

    public VenueException Bad(string message) => new(Venue, VenueErrorKind.BadResponse, $"{Venue}: {message}");
}

/// <summary>A venue's reading of an error envelope (<see cref="Bybit.BybitParsers.EnvelopeError"/>, <see cref="Okx.OkxParsers.EnvelopeError"/>).</summary>
internal delegate VenueException? EnvelopeErrorReader(ReadOnlySpan<byte> body, string path);
