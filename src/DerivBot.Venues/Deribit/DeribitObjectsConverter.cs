using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Deribit;

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
