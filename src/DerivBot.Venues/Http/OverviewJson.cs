using System.Globalization;
using System.Text.Json;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// JSON reading for the overview adapters (Hyperliquid, Gate): decimals sent as strings (or numbers), integers as
/// numbers (or numeric strings), unknown fields ignored, invariant culture. Anything malformed becomes a
/// <see cref="VenueErrorKind.BadResponse"/> naming the venue and the payload.
/// </summary>
internal static class OverviewJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static T Parse<T>(string venue, string what, byte[] json, Func<JsonElement, T> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var size = json.Length == 0 ? "an empty body" : $"{json.Length} bytes";
            throw new VenueException(venue, VenueErrorKind.BadResponse, $"{venue}: malformed {what} response ({size}; {ex.Message})", ex);
        }
        using (document)
        {
            try
            {
                return parse(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
            {
                throw new VenueException(venue, VenueErrorKind.BadResponse, $"{venue}: unexpected {what} response ({ex.Message})", ex);
            }
        }
    }

    public static void RequireKind(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new FormatException($"{what}: expected a JSON {kind.ToString().ToLowerInvariant()}, got {Describe(element)}");
        }
    }

    public static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static string RequireString(JsonElement obj, string name, string what) =>
        OptionalString(obj, name) is { Length: > 0 } s ? s : throw new FormatException($"{what}: required field '{name}' is missing or empty");

    /// <summary>A decimal sent as a string or a number; missing, null or "" → null.</summary>
    public static decimal? OptionalDecimal(JsonElement obj, string name, string what)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var text = v.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new FormatException($"{what}: '{name}' is not a decimal: \"{text}\"");
            case JsonValueKind.Number:
                return v.TryGetDecimal(out var number) ? number : throw new FormatException($"{what}: '{name}' is out of decimal range");
            default:
                throw new FormatException($"{what}: '{name}' must be a string or number, got {Describe(v)}");
        }
    }

    public static decimal RequireDecimal(JsonElement obj, string name, string what) =>
        OptionalDecimal(obj, name, what) ?? throw new FormatException($"{what}: required field '{name}' is missing or empty");

    /// <summary>An integer sent as a number (or a numeric string); missing or null → null.</summary>
    public static long? OptionalInt64(JsonElement obj, string name, string what)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            // Some integer fields arrive as decimals ("28800.0") or strings; accept whole values only.
            JsonValueKind.Number when v.TryGetDecimal(out var d) && d == decimal.Truncate(d) => (long)d,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => throw new FormatException($"{what}: '{name}' must be an integer, got {Describe(v)}"),
        };
    }

    public static bool OptionalBool(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
