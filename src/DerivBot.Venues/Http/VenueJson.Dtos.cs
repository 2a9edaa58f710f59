using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

// Source-generated DTOs (Bybit, OKX, Gate, Hyperliquid) to records: required fields, times and positional rows.
internal readonly partial record struct VenueJson
{
    /// <summary>
    /// Reads a whole body into a source-generated envelope DTO. When the body does not have the data's shape but
    /// <paramref name="envelopeError"/> reads an error from it, that error is what the caller sees.
    /// </summary>
    public T ReadEnvelope<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, EnvelopeErrorReader envelopeError)
        where T : class
    {
        T? dto;
        try
        {
            dto = WireJson.Read(body, Venue, What, type);
        }
        catch (VenueException) when (envelopeError(body, What) is not null)
        {
            throw envelopeError(body, What)!;
        }
        return dto ?? throw Bad($"{What}: expected an object, got null");
    }

    /// <summary>
    /// Reads a body that is a plain array of objects (Gate) into a source-generated DTO list; the literal <c>null</c> or a
    /// null item is a BadResponse.
    /// </summary>
    public IEnumerable<T> ReadList<T>(ReadOnlySpan<byte> body, JsonTypeInfo<List<T?>> type)
        where T : class =>
        Items(WireJson.Read(body, Venue, What, type) ?? throw Bad($"{What}: expected an array, got null"), What);

    /// <summary>The items of a DTO list; a missing list or a null item is a BadResponse.</summary>
    public IEnumerable<T> Items<T>(List<T?>? list, string field)
        where T : class
    {
        var self = this;
        return (list ?? throw Bad($"{What}: field '{field}' is missing or not an array"))
            .Select(item => item ?? throw self.Bad($"{self.What}: expected an object, got null"));
    }

    /// <summary>Empty strings mean "not sent".</summary>
    public static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public string RequireText(string? value, string name) => Text(value) ?? throw Missing(name);

    /// <summary>An epoch-ms time; absent, empty and 0 (Bybit's "no delivery time") are null.</summary>
    public DateTimeOffset? Time(long? ms, string name) => ms is { } value && value > 0 ? FromMs(value, name) : null;

    public DateTimeOffset RequireTime(long? ms, string name) => Time(ms, name) ?? throw Missing(name);
}
