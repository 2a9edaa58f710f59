using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Venues.Http;

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

/// <summary>
/// A <c>result</c> array whose object entries are read as <typeparamref name="T"/> and whose other entries (numbers,
/// strings, nulls) are skipped: they are not options. A <c>result</c> that is not an array is a wire error.
/// </summary>
internal sealed class DeribitObjectsConverter<T> : JsonConverter<List<T>>
    where T : class
{
    public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException($"is not an array (got {reader.TokenType})");
        }
        var type = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject && JsonSerializer.Deserialize(ref reader, type) is { } item)
            {
                list.Add(item);
            }
            else
            {
                reader.Skip();
            }
        }
        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
