using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// Reads a whole venue REST body into a source-generated DTO (trailing data is an error) and turns every failure into
/// a <see cref="VenueException"/> with <see cref="VenueErrorKind.BadResponse"/> naming the venue and the endpoint
/// (<c>what</c>): a field with an unusable value by its name (<c>'fundingRate.fundingRate' is not a
/// decimal: "abc"</c>), anything else as a malformed response.
/// </summary>
internal static class WireJson
{
    /// <returns>The DTO, or null when the body is the JSON literal <c>null</c>.</returns>
    public static T? Read<T>(ReadOnlySpan<byte> json, string venue, string what, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (WireValueException ex)
        {
            // A field of the right kind but not a usable value: name the field where the path ends in one.
            var field = ex.Path is { } path && path.LastIndexOf('.') is var dot and >= 0 && path.IndexOf('[', dot) < 0
                ? $"'{what}.{path[(dot + 1)..]}'"
                : $"{what} at {ex.Path ?? "$"}:";
            throw new VenueException(venue, VenueErrorKind.BadResponse, $"{venue}: {field} {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            var preview = json.Length == 0 ? "an empty body" : $"{json.Length} bytes";
            throw new VenueException(venue, VenueErrorKind.BadResponse, $"{venue}: malformed {what} response ({preview}; {ex.Message})", ex);
        }
    }
}
