using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// The {code, msg, data} envelope: its error mapping and the data list every parser reads.
internal static partial class OkxParsers
{
    /// <summary>
    /// The error an envelope reports, or null when <c>code</c> is "0" or the body is no OKX envelope.
    /// 50011/50061 (rate limit) → RateLimited for 2 s; 51001 (instrument does not exist) → InvalidSymbol;
    /// 50001/50004/50013/50026 (unavailable, timeout, busy, system error) → ServerError; others → BadResponse.
    /// </summary>
    public static VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path)
    {
        if (!VenueJson.TryReadEnvelope(body, "code", "msg", out var code, out var message) || code == 0)
        {
            return null;
        }
        var text = $"{Venue}: {path} failed: code {code} {message}".TrimEnd();
        return code switch
        {
            50011 or 50061 => new VenueException(Venue, VenueErrorKind.RateLimited, text) { VendorCode = code, RetryAfter = OkxVenue.RateWindow },
            51001 => new VenueException(Venue, VenueErrorKind.InvalidSymbol, $"{Venue}: invalid instrument ({message})") { VendorCode = code },
            50001 or 50004 or 50013 or 50026 => new VenueException(Venue, VenueErrorKind.ServerError, text) { VendorCode = code },
            _ => new VenueException(Venue, VenueErrorKind.BadResponse, text) { VendorCode = code },
        };
    }

    /// <summary>Reads the envelope and returns its <c>data</c>; a non-zero <c>code</c> is the error the envelope reports.</summary>
    private static List<TItem?>? Data<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<OkxResponse<TItem>> type)
        where TItem : class
    {
        var response = j.ReadEnvelope(body, type, EnvelopeError);
        var code = response.Code ?? throw j.Missing("code");
        if (code != 0)
        {
            throw EnvelopeError(body, j.What) ?? j.Bad($"{j.What}: code {code}");
        }
        return response.Data;
    }

    private static IEnumerable<TItem> Objects<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<OkxResponse<TItem>> type)
        where TItem : class => j.Items(Data(body, j, type), "data");

    private static IEnumerable<decimal?[]> Rows(ReadOnlySpan<byte> body, VenueJson j) => j.Items(Data(body, j, Wire.OkxRowsResponse), "data");
}
