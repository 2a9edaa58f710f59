using System.Text.Json;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

// JsonElement readers for the liquidation-stream frames of Bybit and OKX (one small JSON document per push).
internal readonly partial record struct VenueJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>Parses <paramref name="json"/> as one JSON document and runs <paramref name="parse"/> on its root.</summary>
    public T Read<T>(ReadOnlyMemory<byte> json, Func<JsonElement, T> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var preview = json.Length == 0 ? "an empty body" : $"{json.Length} bytes";
            throw new VenueException(Venue, VenueErrorKind.BadResponse, $"{Venue}: malformed {What} response ({preview}; {ex.Message})", ex);
        }
        using (document)
        {
            try
            {
                return parse(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
            {
                throw new VenueException(Venue, VenueErrorKind.BadResponse, $"{Venue}: unexpected {What} response ({ex.Message})", ex);
            }
        }
    }

    public JsonElement Property(JsonElement obj, string name, JsonValueKind kind)
    {
        RequireKind(obj, JsonValueKind.Object);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != kind)
        {
            throw Bad($"{What}: field '{name}' is missing or not {Describe(kind)}");
        }
        return value;
    }

    /// <summary>Fails unless <paramref name="element"/> is a <paramref name="kind"/>; <paramref name="where"/> names the place (default: the endpoint).</summary>
    public void RequireKind(JsonElement element, JsonValueKind kind, string? where = null)
    {
        if (element.ValueKind != kind)
        {
            throw Bad($"{where ?? What}: expected {Describe(kind)}, got {Describe(element.ValueKind)}");
        }
    }

    public string? OptionalString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() is { Length: > 0 } s ? s : null
            : null;

    public string RequireString(JsonElement obj, string name) =>
        OptionalString(obj, name) ?? throw Missing(name);

    public decimal? OptionalDecimal(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? ToDecimal(v, name) : null;

    public decimal RequireDecimal(JsonElement obj, string name) => OptionalDecimal(obj, name) ?? throw Missing(name);

    public long? OptionalInt64(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? ToInt64(v, name) : null;

    /// <summary>An epoch-ms time; absent, empty and <c>"0"</c> (Bybit's "no delivery time") are null.</summary>
    public DateTimeOffset? OptionalTime(JsonElement obj, string name) =>
        OptionalInt64(obj, name) is { } ms && ms > 0 ? FromMs(ms, name) : null;

    public DateTimeOffset RequireTime(JsonElement obj, string name) => OptionalTime(obj, name) ?? throw Missing(name);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
