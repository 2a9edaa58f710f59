using System.Text.Json;

namespace DerivBot.Venues.Binance;

// Error bodies ({code,msg}) and the REQUEST_WEIGHT limit exchangeInfo announces.
internal static partial class BinanceParsers
{
    /// <summary>
    /// The per-minute <c>REQUEST_WEIGHT</c> limit from exchangeInfo's <c>rateLimits</c> (2400 on futures today), so the
    /// budget follows Binance if it changes the limit. Returns false when absent or unreadable; never throws.
    /// </summary>
    public static bool TryParseRequestWeightPerMinute(ReadOnlySpan<byte> json, out int limit)
    {
        limit = 0;
        BinanceRateLimitsDto? body;
        try
        {
            body = RootToken(json) == JsonTokenType.StartObject ? JsonSerializer.Deserialize(json, Wire.BinanceRateLimitsDto) : null;
        }
        catch (JsonException)
        {
            return false;
        }
        foreach (var item in body?.RateLimits ?? [])
        {
            if (item is not null
                && IsString(item.RateLimitType, "REQUEST_WEIGHT")
                && IsString(item.Interval, "MINUTE")
                && item.IntervalNum.ValueKind == JsonValueKind.Number && item.IntervalNum.TryGetInt32(out var n) && n > 0
                && item.Limit.ValueKind == JsonValueKind.Number && item.Limit.TryGetInt32(out var l) && l > 0)
            {
                limit = l / n;
                return limit > 0;
            }
        }
        return false;

        static bool IsString(JsonElement value, string expected) =>
            value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);
    }

    /// <summary>
    /// Reads a Binance error body (<c>{"code":-1121,"msg":"Invalid symbol."}</c>). Returns false when the body is not one.
    /// Never throws: error bodies are diagnostics, and a garbled one must not hide the HTTP status.
    /// </summary>
    public static bool TryParseError(ReadOnlySpan<byte> json, out int code, out string message)
    {
        code = 0;
        message = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            var haveCode = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    haveCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code);
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    reader.Read();
                    message = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : string.Empty;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            return haveCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
