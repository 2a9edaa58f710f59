using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Binance;

// Value readers shared by the REST and stream parsers: the symbol cache, the Utf8JsonReader field readers of the hot
// path, epoch-millisecond range checks and the BadResponse errors.
internal static partial class BinanceParsers
{
    private const int SymbolCacheLimit = 8192;
    private static readonly ConcurrentDictionary<string, Symbol> SymbolCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Symbol>.AlternateLookup<ReadOnlySpan<char>> SymbolLookup =
        SymbolCache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Symbols repeat every second on the mark-price stream; the cache turns 500 string allocations per frame into
    /// lookups. It is bounded so garbage input cannot grow it without limit.
    /// </summary>
    private static Symbol ReadSymbol(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Bad($"'{field}' must be a string, got {reader.TokenType}");
        }
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length is > 0 and <= 64)
        {
            Span<char> chars = stackalloc char[64];
            var n = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            if (SymbolLookup.TryGetValue(chars[..n], out var cached))
            {
                return cached;
            }
        }
        return SymbolOf(reader.GetString(), field);
    }

    private static Symbol SymbolOf(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad($"'{field}' is empty");
        }
        if (SymbolCache.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var symbol = new Symbol(text);
        if (SymbolCache.Count < SymbolCacheLimit)
        {
            SymbolCache.TryAdd(text, symbol);
        }
        return symbol;
    }

    /// <summary>A decimal sent as a string (or, leniently, a number). Empty string or null → null.</summary>
    private static decimal? ReadDecimal(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!reader.HasValueSequence && !reader.ValueIsEscaped)
                {
                    var span = reader.ValueSpan;
                    if (span.Length == 0)
                    {
                        return null;
                    }
                    if (decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    {
                        return value;
                    }
                    throw Bad($"'{field}' is not a decimal: \"{Encoding.UTF8.GetString(span)}\"");
                }
                return ParseDecimalText(reader.GetString(), field);
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var number))
                {
                    return number;
                }
                throw Bad($"'{field}' is out of decimal range");
            case JsonTokenType.Null:
                return null;
            default:
                throw Bad($"'{field}' must be a string or number, got {reader.TokenType}");
        }
    }

    /// <summary>An epoch-ms integer (or, leniently, a numeric string). Empty string or null → 0.</summary>
    private static long ReadInt64(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var number))
                {
                    return number;
                }
                throw Bad($"'{field}' is not an integer");
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return 0;
                }
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                throw Bad($"'{field}' is not an integer: \"{text}\"");
            case JsonTokenType.Null:
                return 0;
            default:
                throw Bad($"'{field}' must be an integer, got {reader.TokenType}");
        }
    }

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? "\"" + reader.GetString() + "\"" : reader.TokenType.ToString();

    private static decimal ParseDecimalText(string? text, string field) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad($"'{field}' is not a decimal: \"{text}\"");

    private static DateTimeOffset FromMs(long ms, string field)
    {
        // ±year 9999 in ms; anything outside is garbage, not a time.
        if (ms is < -62_135_596_800_000 or > 253_402_300_799_999)
        {
            throw Bad($"'{field}' is not an epoch-millisecond time: {ms}");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static VenueException Missing(string what, string name) => Bad($"{what}: required field '{name}' is missing or empty");

    private static VenueException Bad(string message) =>
        new(Venue, VenueErrorKind.BadResponse, $"{Venue}: {message}");
}
