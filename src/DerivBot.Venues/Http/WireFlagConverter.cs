using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Venues.Http;

/// <summary>
/// A flag that counts only when it is the JSON literal <c>true</c> (Hyperliquid <c>isDelisted</c>, Gate
/// <c>in_delisting</c>): absent, <c>false</c>, <c>null</c> and any other value read as false, so an odd value never
/// fails a whole listing.
/// </summary>
internal sealed class WireFlagConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.True;
        reader.Skip(); // leaves an object or array value behind as a whole; a no-op on a single token
        return value;
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");
}
