using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Deribit;

// Deribit's lenient value rules (apis.md B.4: numbers are JSON numbers, many values null): a value of any other kind,
// or a number too large for a decimal, reads as missing rather than failing the reply.

/// <summary>A JSON number as a decimal; anything else (string, null, object, huge exponent) is null.</summary>
internal sealed class DeribitNumberConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        decimal? value = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var d) ? d : null;
        reader.Skip();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}

/// <summary>A JSON number that fits a long; anything else is null.</summary>
internal sealed class DeribitIntegerConverter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long? value = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
        reader.Skip();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}

/// <summary>A JSON string; anything else is null.</summary>
internal sealed class DeribitTextConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        reader.Skip();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
