using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

// How a REST body becomes a DTO: one deserialization through BinanceJsonContext, every failure a BadResponse naming
// the endpoint (and the field, where the serializer knows it), Binance error bodies recognised where data was expected.
internal static partial class BinanceParsers
{
    /// <summary>Deserializes the whole body (trailing data is an error) and turns every failure into BadResponse.</summary>
    private static T Read<T>(ReadOnlySpan<byte> json, string what, JsonTypeInfo<T> type) =>
        WireJson.Read(json, Venue, what, type) ?? throw NotA(json, what, "object");

    /// <summary>An endpoint answering a JSON array; an object in its place is an error body or the wrong data.</summary>
    private static List<T> ArrayOf<T>(ReadOnlySpan<byte> json, string what, JsonTypeInfo<List<T>> type)
    {
        if (RootToken(json) == JsonTokenType.StartObject)
        {
            RejectErrorBody(Read(json, what, Wire.BinanceObjectDto), what);
            throw NotA(json, what, "array");
        }
        return Read(json, what, type);
    }

    /// <summary>An endpoint answering one object (with <c>symbol</c>) or an array of them (without).</summary>
    private static List<T?> ObjectOrArray<T>(ReadOnlySpan<byte> json, string what, JsonTypeInfo<T> single, JsonTypeInfo<List<T?>> many)
        where T : BinanceObjectDto
    {
        if (RootToken(json) == JsonTokenType.StartObject)
        {
            var item = Read(json, what, single);
            RejectErrorBody(item, what);
            return [item];
        }
        return Read(json, what, many);
    }

    /// <summary>An error body where data was expected (a proxy, or a 200 that is not data) must say what Binance said.</summary>
    private static void RejectErrorBody(BinanceObjectDto body, string what)
    {
        if (body.Code.ValueKind == JsonValueKind.Number && body.Msg.ValueKind == JsonValueKind.String)
        {
            throw new VenueException(Venue, VenueErrorKind.BadResponse,
                $"{Venue}: {what} returned an error instead of data: {body.Code.GetRawText()} {body.Msg.GetString()}")
            {
                VendorCode = body.Code.TryGetInt32(out var c) ? c : null,
            };
        }
    }

    /// <summary>The first token of the body, or None when there is none or it is not JSON (the parse then says why).</summary>
    private static JsonTokenType RootToken(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            return reader.Read() ? reader.TokenType : JsonTokenType.None;
        }
        catch (JsonException)
        {
            return JsonTokenType.None;
        }
    }

    private static VenueException NotA(ReadOnlySpan<byte> json, string what, string kind)
    {
        var raw = Encoding.UTF8.GetString(json.Trim(" \t\r\n"u8));
        return Bad($"{what}: expected a JSON {kind}, got {(raw.Length <= 40 ? raw : raw[..40] + "…")}");
    }

    private static VenueException NotAnObject(string what) => Bad($"{what}: expected a JSON object, got null");

    private static string Required(string? text, string what, string name) =>
        string.IsNullOrEmpty(text) ? throw Missing(what, name) : text;

    private static DateTimeOffset? OptionalTime(long? ms, string what, string name) =>
        ms is { } value ? FromMs(value, what + "." + name) : null;

    private static DateTimeOffset RequiredTime(long? ms, string what, string name) =>
        OptionalTime(ms, what, name) ?? throw Missing(what, name);
}
