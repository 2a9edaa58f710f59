using System.Text.Json;
using System.Text.Json.Serialization;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Binance;

/// <summary>
/// Reads one <c>/fapi/v1/klines</c> row (<c>[openTime,"open","high","low","close","volume",closeTime,"quoteVolume",
/// count,"takerBuyBase","takerBuyQuote","ignore"]</c>) by position: a converter, because a source-generated DTO maps
/// object properties, not array slots. Values follow the wire converters' rules; later extra slots are skipped.
/// </summary>
internal sealed class BinanceKlineRowConverter : JsonConverter<BinanceKlineRow>
{
    private const int Slots = 11;

    public override BinanceKlineRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException($"each row must be an array of at least {Slots} values, got {reader.TokenType}");
        }
        long openTime = 0, closeTime = 0, trades = 0;
        decimal open = 0, high = 0, low = 0, close = 0;
        decimal? volume = null, quoteVolume = null, takerBase = null, takerQuote = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (index)
            {
                case 0: openTime = Integer(ref reader, "openTime"); break;
                case 1: open = Decimal(ref reader, "open") ?? throw Missing("open"); break;
                case 2: high = Decimal(ref reader, "high") ?? throw Missing("high"); break;
                case 3: low = Decimal(ref reader, "low") ?? throw Missing("low"); break;
                case 4: close = Decimal(ref reader, "close") ?? throw Missing("close"); break;
                case 5: volume = Decimal(ref reader, "volume"); break;
                case 6: closeTime = Integer(ref reader, "closeTime"); break;
                case 7: quoteVolume = Decimal(ref reader, "quoteVolume"); break;
                case 8: trades = Integer(ref reader, "count"); break;
                case 9: takerBase = Decimal(ref reader, "takerBuyBaseVolume"); break;
                case 10: takerQuote = Decimal(ref reader, "takerBuyQuoteVolume"); break;
                default: reader.Skip(); break;
            }
            index++;
        }
        if (index < Slots)
        {
            throw new WireValueException($"each row must be an array of at least {Slots} values, got {index}");
        }
        return new BinanceKlineRow(openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote);
    }

    public override void Write(Utf8JsonWriter writer, BinanceKlineRow value, JsonSerializerOptions options) =>
        throw new NotSupportedException("wire DTOs are read-only");

    private static decimal? Decimal(ref Utf8JsonReader reader, string field)
    {
        try
        {
            return WireDecimalConverter.ReadValue(ref reader);
        }
        catch (WireValueException ex)
        {
            throw new WireValueException($"'{field}' {ex.Message}");
        }
    }

    private static long Integer(ref Utf8JsonReader reader, string field)
    {
        try
        {
            return WireInt64Converter.ReadValue(ref reader) ?? throw Missing(field);
        }
        catch (WireValueException ex) when (!ex.Message.StartsWith('\''))
        {
            throw new WireValueException($"'{field}' {ex.Message}");
        }
    }

    private static WireValueException Missing(string field) => new($"'{field}' is missing or empty");
}
