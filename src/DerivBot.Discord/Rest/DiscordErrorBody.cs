using System.Text.Json;

namespace DerivBot.Discord.Rest;

/// <summary>Discord's JSON error body: <c>code</c>, <c>message</c>, and on a 429 <c>retry_after</c> (seconds) and
/// <c>global</c> (apis.md D.4). Anything else reads as a message saying what it was.</summary>
internal sealed record DiscordErrorBody(int? Code, string Message, TimeSpan? RetryAfter, bool Global)
{
    public static DiscordErrorBody Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new DiscordErrorBody(null, "unexpected body", null, false);
            }
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            TimeSpan? retry = root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number && r.GetDouble() is var d && d >= 0 && d < 86_400
                ? TimeSpan.FromSeconds(d)
                : null;
            var global = root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            return new DiscordErrorBody(code, message, retry, global);
        }
        catch (JsonException)
        {
            return new DiscordErrorBody(null, "non-JSON body", null, false);
        }
    }
}
