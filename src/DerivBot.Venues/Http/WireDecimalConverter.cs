using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Http;

/// <summary>
/// A decimal sent as a JSON string (Binance, Bybit, OKX…) or, leniently, as a number; an empty string means "not
/// applicable" and reads as null (delivery contracts send <c>"r":""</c>, old funding rows an empty <c>markPrice</c>).
/// Invariant culture always. Registered for every <c>decimal?</c> of the source-generated wire DTOs.
/// </summary>
internal sealed class WireDecimalConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadValue(ref reader);

    /// <summary>The converter's rule for a reader positioned on the value, for hand-written readers of array rows.</summary>
    public static decimal? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!reader.HasValueSequence && !reader.ValueIsEscaped)
                {
                    var span = reader.ValueSpan;
                    if (span.Length == 0)
                    {
                        return null;
                    }
                    // decimal.TryParse over UTF-8 with NumberStyles.Float accepts exactly what the string overload does.
                    return decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                        ? value
                        : throw new WireValueException($"is not a decimal: \"{Truncate(Encoding.UTF8.GetString(span))}\"");
                }
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new WireValueException($"is not a decimal: \"{Truncate(text)}\"");
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var number) ? number : throw new WireValueException("is out of decimal range");
            case JsonTokenType.Null:
                return null;
            default:
                throw new WireValueException($"must be a string or number, got {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");

    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
