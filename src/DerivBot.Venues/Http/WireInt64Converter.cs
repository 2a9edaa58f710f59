using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Http;

/// <summary>
/// An integer (epoch milliseconds, counts, hours) sent as a JSON number or, leniently, as a numeric string
/// (<c>/futures/data/*</c> sends either); an empty string reads as null. Registered for every <c>long?</c> of the
/// source-generated wire DTOs.
/// </summary>
internal sealed class WireInt64Converter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadValue(ref reader);

    /// <summary>The converter's rule for a reader positioned on the value, for hand-written readers of array rows.</summary>
    public static long? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number : throw new WireValueException("is not an integer");
            case JsonTokenType.String:
                if (!reader.HasValueSequence && !reader.ValueIsEscaped)
                {
                    var span = reader.ValueSpan;
                    if (span.Length == 0)
                    {
                        return null;
                    }
                    // Utf8Parser's 'D' format is NumberStyles.Integer without the white space, which Binance never sends.
                    if (Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length)
                    {
                        return value;
                    }
                }
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new WireValueException($"is not an integer: \"{WireDecimalConverter.Truncate(text)}\"");
            case JsonTokenType.Null:
                return null;
            default:
                throw new WireValueException($"must be an integer, got {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
