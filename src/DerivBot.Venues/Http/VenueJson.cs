using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Http;

/// <summary>
/// Tolerant field readers for the venue payloads (Bybit, OKX, Hyperliquid, Gate; apis.md B.1/B.2): numbers arrive as JSON
/// strings (numbers are accepted too), times are epoch milliseconds as strings or numbers, an empty string means "not
/// applicable", unknown fields are ignored, invariant culture. Every failure is a <see cref="VenueException"/> with
/// <see cref="VenueErrorKind.BadResponse"/> naming the venue and the endpoint (<paramref name="What"/>).
/// </summary>
internal readonly record struct VenueJson(string Venue, string What)
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

    /// <summary>
    /// Reads an error envelope's integer code (a JSON number or a numeric string) and its message ("" when absent) from
    /// the fields <paramref name="codeField"/> and <paramref name="messageField"/> (Bybit <c>retCode</c>/<c>retMsg</c>,
    /// OKX <c>code</c>/<c>msg</c>). False when the body is not JSON, not an object, or has no integer code.
    /// </summary>
    public static bool TryReadEnvelope(ReadOnlySpan<byte> body, string codeField, string messageField, out int code, out string message)
    {
        code = 0;
        message = "";
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(codeField, out var c))
            {
                return false;
            }
            if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n))
            {
                code = n;
            }
            else if (c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
            {
                code = s;
            }
            else
            {
                return false;
            }
            message = root.TryGetProperty(messageField, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            return true;
        }
        catch (JsonException)
        {
            return false;
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

    /// <summary>True only for a JSON <c>true</c>; absent or anything else is false.</summary>
    public bool OptionalBool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public decimal? OptionalDecimal(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? ToDecimal(v, name) : null;

    public decimal RequireDecimal(JsonElement obj, string name) => OptionalDecimal(obj, name) ?? throw Missing(name);

    public long? OptionalInt64(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? ToInt64(v, name) : null;

    /// <summary>An epoch-ms time; absent, empty and <c>"0"</c> (Bybit's "no delivery time") are null.</summary>
    public DateTimeOffset? OptionalTime(JsonElement obj, string name) =>
        OptionalInt64(obj, name) is { } ms && ms > 0 ? FromMs(ms, name) : null;

    public DateTimeOffset RequireTime(JsonElement obj, string name) => OptionalTime(obj, name) ?? throw Missing(name);

    // ---------------------------------------------------------------- source-generated DTOs (Bybit, OKX)

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

    /// <summary>Slot <paramref name="index"/> of a positional row (Bybit klines, OKX candles and Rubik rows).</summary>
    public static decimal? At(decimal?[]? row, int index) => row is not null && index < row.Length ? row[index] : null;

    public decimal RequireAt(decimal?[]? row, int index) => At(row, index) ?? throw Missing($"[{index}]");

    /// <summary>Slot <paramref name="index"/> of a row as an epoch-ms time (a whole, positive number).</summary>
    public DateTimeOffset RequireTimeAt(decimal?[]? row, int index) =>
        At(row, index) is { } ms && ms > 0 && ms == decimal.Truncate(ms) && ms <= long.MaxValue
            ? FromMs((long)ms, $"[{index}]")
            : throw Missing($"[{index}]");

    // ---------------------------------------------------------------- JsonElement values (Gate, Hyperliquid, Deribit, streams)

    public decimal? ToDecimal(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var d) ? d : throw Bad($"{What}: '{name}' is out of range ({value.GetRawText()})");
            case JsonValueKind.String:
                var text = value.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw Bad($"{What}: '{name}' is not a number ('{Truncate(text)}')");
            case JsonValueKind.Null:
                return null;
            default:
                throw Bad($"{What}: '{name}' is {Describe(value.ValueKind)}, not a number");
        }
    }

    public long? ToInt64(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var n))
                {
                    return n;
                }
                // Some integer fields arrive as decimals (Gate's "funding_interval": 28800.0); accept whole values only.
                return value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue
                    ? (long)d
                    : throw Bad($"{What}: '{name}' is not an integer ({value.GetRawText()})");
            case JsonValueKind.String:
                var text = value.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw Bad($"{What}: '{name}' is not an integer ('{Truncate(text)}')");
            case JsonValueKind.Null:
                return null;
            default:
                throw Bad($"{What}: '{name}' is {Describe(value.ValueKind)}, not an integer");
        }
    }

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

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

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

/// <summary>A venue's reading of an error envelope (<see cref="Bybit.BybitParsers.EnvelopeError"/>, <see cref="Okx.OkxParsers.EnvelopeError"/>).</summary>
internal delegate VenueException? EnvelopeErrorReader(ReadOnlySpan<byte> body, string path);
