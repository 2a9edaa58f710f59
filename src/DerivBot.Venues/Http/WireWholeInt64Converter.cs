using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Http;

/// <summary>
/// <see cref="WireInt64Converter"/>'s rule, plus whole numbers written as decimals: some integer fields arrive as
/// <c>28800.0</c> (Gate's <c>funding_interval</c>), which are accepted; a fractional value (<c>600.5</c>) is not an
/// integer and fails. Registered for the <c>long?</c> of venues that send such numbers (Gate).
/// </summary>
internal sealed class WireWholeInt64Converter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt64(out _))
        {
            return reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue
                ? (long)d
                : throw new WireValueException("is not an integer");
        }
        return WireInt64Converter.ReadValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
