using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Bybit;

// The {retCode, retMsg, result, time} envelope: its error mapping and the result page every parser reads.
internal static partial class BybitParsers
{
    /// <summary>
    /// The error an envelope reports, or null when <c>retCode</c> is 0 or the body is not a Bybit envelope at all.
    /// 10001 naming a symbol → InvalidSymbol; 10006/10018 (too many visits / IP limit) → RateLimited for 5 s;
    /// 10000/10016 → ServerError; anything else → BadResponse.
    /// </summary>
    public static VenueException? EnvelopeError(ReadOnlySpan<byte> body, string path)
    {
        if (!VenueJson.TryReadEnvelope(body, "retCode", "retMsg", out var code, out var message) || code == 0)
        {
            return null;
        }
        var text = $"{Venue}: {path} failed: retCode {code} {message}".TrimEnd();
        return code switch
        {
            10001 when message.Contains("symbol", StringComparison.OrdinalIgnoreCase) =>
                new VenueException(Venue, VenueErrorKind.InvalidSymbol, $"{Venue}: invalid symbol ({message})") { VendorCode = code },
            10006 or 10018 => new VenueException(Venue, VenueErrorKind.RateLimited, text) { VendorCode = code, RetryAfter = BybitVenue.IpWindow },
            10000 or 10016 => new VenueException(Venue, VenueErrorKind.ServerError, text) { VendorCode = code },
            _ => new VenueException(Venue, VenueErrorKind.BadResponse, text) { VendorCode = code },
        };
    }

    /// <summary>Reads the envelope and returns its <c>result</c> page and <c>time</c>; a non-zero <c>retCode</c> is the
    /// error the envelope reports.</summary>
    private static (BybitPage<TItem> Page, long? Time) Result<TItem>(ReadOnlySpan<byte> body, VenueJson j, JsonTypeInfo<BybitResponse<TItem>> type)
        where TItem : class
    {
        var response = j.ReadEnvelope(body, type, EnvelopeError);
        var code = response.RetCode ?? throw j.Missing("retCode");
        if (code != 0)
        {
            throw EnvelopeError(body, j.What) ?? j.Bad($"{j.What}: retCode {code}");
        }
        var page = response.Result ?? throw j.Bad($"{j.What}: field 'result' is missing or not an object");
        return (page, response.Time);
    }
}
