using System.Text.Json;
using System.Text.Json.Serialization;
using DerivBot.Core.Markets;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

/// <summary>
/// Reads a <c>/fapi/v1/klines</c> body: an array of rows <c>[openTime,"open","high","low","close","volume",closeTime,
/// "quoteVolume",count,"takerBuyBase","takerBuyQuote","ignore"]</c>, each read by position — a converter, because a
/// source-generated DTO maps object properties, not array slots. Values follow the wire converters' rules; extra slots
/// are skipped. Rows collect in a per-thread scratch list and leave as an exact-size list, so a 500-row page does not
/// grow a list past the large-object threshold on the way.
/// </summary>
internal sealed class BinanceKlinesConverter : JsonConverter<List<Kline>>
{
    private const int Slots = 11;

    // ±year 9999 in ms, as BinanceParsers.FromMs; anything outside is garbage, not a time.
    private const long MinMs = -62_135_596_800_000;
    private const long MaxMs = 253_402_300_799_999;

    [ThreadStatic]
    private static List<Kline>? t_scratch;

    public override List<Kline> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException($"must be an array of rows, got {reader.TokenType}");
        }
        var rows = t_scratch ??= new List<Kline>(1024);
        rows.Clear();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                rows.Add(ReadRow(ref reader, rows.Count));
            }
            return new List<Kline>(rows);
        }
        finally
        {
            rows.Clear();
        }
    }

    public override void Write(Utf8JsonWriter writer, List<Kline> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");

    private static Kline ReadRow(ref Utf8JsonReader reader, int row)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException($"row {row}: each row must be an array of at least {Slots} values, got {reader.TokenType}");
        }
        DateTimeOffset openTime = default, closeTime = default;
        long trades = 0;
        decimal open = 0, high = 0, low = 0, close = 0;
        decimal? volume = null, quoteVolume = null, takerBase = null, takerQuote = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (index)
            {
                case 0: openTime = Time(ref reader, row, "openTime"); break;
                case 1: open = Decimal(ref reader, row, "open") ?? throw Missing(row, "open"); break;
                case 2: high = Decimal(ref reader, row, "high") ?? throw Missing(row, "high"); break;
                case 3: low = Decimal(ref reader, row, "low") ?? throw Missing(row, "low"); break;
                case 4: close = Decimal(ref reader, row, "close") ?? throw Missing(row, "close"); break;
                case 5: volume = Decimal(ref reader, row, "volume"); break;
                case 6: closeTime = Time(ref reader, row, "closeTime"); break;
                case 7: quoteVolume = Decimal(ref reader, row, "quoteVolume"); break;
                case 8: trades = Integer(ref reader, row, "count"); break;
                case 9: takerBase = Decimal(ref reader, row, "takerBuyBaseVolume"); break;
                case 10: takerQuote = Decimal(ref reader, row, "takerBuyQuoteVolume"); break;
                default: reader.Skip(); break;
            }
            index++;
        }
        if (index < Slots)
        {
            throw new WireValueException($"row {row}: each row must be an array of at least {Slots} values, got {index}");
        }
        return new Kline(openTime, open, high, low, close, volume ?? 0m, closeTime, quoteVolume ?? 0m, trades, takerBase ?? 0m, takerQuote ?? 0m);
    }

    private static decimal? Decimal(ref Utf8JsonReader reader, int row, string field)
    {
        try
        {
            return WireDecimalConverter.ReadValue(ref reader);
        }
        catch (WireValueException ex)
        {
            throw new WireValueException($"row {row}: '{field}' {ex.Message}");
        }
    }

    private static long Integer(ref Utf8JsonReader reader, int row, string field)
    {
        long? value;
        try
        {
            value = WireInt64Converter.ReadValue(ref reader);
        }
        catch (WireValueException ex)
        {
            throw new WireValueException($"row {row}: '{field}' {ex.Message}");
        }
        return value ?? throw Missing(row, field);
    }

    private static DateTimeOffset Time(ref Utf8JsonReader reader, int row, string field)
    {
        var ms = Integer(ref reader, row, field);
        return ms is >= MinMs and <= MaxMs
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new WireValueException($"row {row}: '{field}' is not an epoch-millisecond time: {ms}");
    }

    private static WireValueException Missing(int row, string field) => new($"row {row}: '{field}' is missing or empty");
}
