using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Application.Reports;

/// <summary>
/// Prints a reply's structured <c>Data</c> as <c>ask --json</c> shows it: camelCase, decimals as JSON numbers, instants as
/// ISO 8601 UTC ("2025-10-10T08:00:00Z"), enums as their names, CJK text unescaped.
/// </summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(object? data) =>
        data is null ? "null" : JsonSerializer.Serialize(data, data.GetType(), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new UtcInstantConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes every instant in UTC with a Z suffix, fractional seconds only when present.</summary>
    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("Expected an ISO 8601 instant."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
