using System.Globalization;
using System.Text.Json;

namespace DerivBot.Venues.Http;

// Reading the error envelope of a body (Bybit retCode/retMsg, OKX code/msg) whatever shape its data has.
internal readonly partial record struct VenueJson
{
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
}
