using System.Globalization;
using System.Text.Json;

namespace DerivBot.Venues.Http;

// One JsonElement value as a number: the stream readers' rules, the same as the wire converters'.
internal readonly partial record struct VenueJson
{
    public decimal? ToDecimal(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var d) ? d : throw Bad($"{What}: '{name}' is out of range ({value.GetRawText()})");
            case JsonValueKind.String:
                var text = value.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw Bad($"{What}: '{name}' is not a number ('{WireDecimalConverter.Truncate(text)}')");
            case JsonValueKind.Null:
                return null;
            default:
                throw Bad($"{What}: '{name}' is {Describe(value.ValueKind)}, not a number");
        }
    }

    public long? ToInt64(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var n))
                {
                    return n;
                }
                // Some integer fields arrive as decimals (Gate's "funding_interval": 28800.0); accept whole values only.
                return value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue
                    ? (long)d
                    : throw Bad($"{What}: '{name}' is not an integer ({value.GetRawText()})");
            case JsonValueKind.String:
                var text = value.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw Bad($"{What}: '{name}' is not an integer ('{WireDecimalConverter.Truncate(text)}')");
            case JsonValueKind.Null:
                return null;
            default:
                throw Bad($"{What}: '{name}' is {Describe(value.ValueKind)}, not an integer");
        }
    }
}
