using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Binance;

// The combined-stream frames (mark prices every second for ~700 symbols, liquidations): the hot path, read with
// Utf8JsonReader straight from the bytes — MarkPriceParseBenchmark shows why a DTO round trip does not belong here.
internal static partial class BinanceParsers
{
    /// <summary>
    /// One WebSocket text frame of the combined stream (<c>{"stream":"…","data":…}</c>). A <c>markPriceUpdate</c> array
    /// goes to <see cref="IMarketStreamHandler.OnMarkPrices"/> as one batch; a <c>forceOrder</c> event (a single object
    /// even on <c>@arr</c>) to <see cref="IMarketStreamHandler.OnLiquidation"/>. Raw (unwrapped) payloads are accepted
    /// too; subscription acknowledgements (<c>{"result":null,"id":1}</c>) and unknown events are ignored.
    /// A mark-price batch is parsed completely before the handler sees it, so a malformed batch delivers nothing.
    /// </summary>
    public static void ParseStreamFrame(ReadOnlySpan<byte> frame, IMarketStreamHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            var reader = new Utf8JsonReader(frame, ReaderOptions);
            if (!reader.Read())
            {
                throw Bad("stream frame is empty");
            }
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                DeliverMarkPrices(ref reader, handler);
                EnsureEnd(ref reader);
                return;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad($"stream frame must be a JSON object or array, got {reader.TokenType}");
            }

            var sawData = false;
            var sawEvent = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    sawData = true;
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        DeliverMarkPrices(ref reader, handler);
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        DeliverEvent(ref reader, handler);
                    }
                    else
                    {
                        throw Bad($"stream frame 'data' must be an object or array, got {reader.TokenType}");
                    }
                }
                else
                {
                    sawEvent |= reader.ValueTextEquals("e"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
            EnsureEnd(ref reader);

            if (!sawData && sawEvent)
            {
                // A raw event (a /ws/<stream> connection): parse the whole object as the event.
                var raw = new Utf8JsonReader(frame, ReaderOptions);
                raw.Read();
                DeliverEvent(ref raw, handler);
            }
        }
        catch (JsonException ex)
        {
            throw new VenueException(Venue, VenueErrorKind.BadResponse,
                $"{Venue}: malformed stream frame ({ex.Message})", ex);
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // Utf8JsonReader throws on a second top-level value, so reading past the end proves the frame was complete.
        if (reader.Read())
        {
            throw Bad("stream frame has trailing data");
        }
    }

    // Per-thread scratch for the mark-price batch: the handler gets an exact-size array (it may keep it), and the
    // growing list is reused so a 500-symbol frame allocates ~60 KB of results and little else.
    [ThreadStatic]
    private static List<PremiumIndex>? t_markPriceScratch;

    private static void DeliverMarkPrices(ref Utf8JsonReader reader, IMarketStreamHandler handler)
    {
        var batch = t_markPriceScratch ??= new List<PremiumIndex>(1024);
        batch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad($"markPriceUpdate array item must be an object, got {reader.TokenType}");
            }
            var item = ReadMarkPrice(ref reader);
            if (item is { } update)
            {
                batch.Add(update);
            }
        }
        if (batch.Count > 0)
        {
            var updates = batch.ToArray();
            batch.Clear();
            handler.OnMarkPrices(updates);
        }
    }

    /// <summary>Reads one <c>markPriceUpdate</c> object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static PremiumIndex? ReadMarkPrice(ref Utf8JsonReader reader)
    {
        Symbol? symbol = null;
        decimal? mark = null;
        decimal index = 0, settle = 0, rate = 0;
        long eventTime = 0, nextFunding = 0;
        var isMarkPrice = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Property names are case-sensitive on this stream: "p" mark vs "P" settle price, "e" vs "E".
            var name = reader.ValueSpan;
            var plainName = !reader.ValueIsEscaped && !reader.HasValueSequence;
            reader.Read();
            if (plainName && name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'e':
                        isMarkPrice = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("markPriceUpdate"u8);
                        continue;
                    case (byte)'E': eventTime = ReadInt64(ref reader, "E"); continue;
                    case (byte)'s': symbol = ReadSymbol(ref reader, "s"); continue;
                    case (byte)'p': mark = ReadDecimal(ref reader, "p"); continue;
                    case (byte)'i': index = ReadDecimal(ref reader, "i") ?? 0m; continue;
                    case (byte)'P': settle = ReadDecimal(ref reader, "P") ?? 0m; continue;
                    case (byte)'r': rate = ReadDecimal(ref reader, "r") ?? 0m; continue;
                    case (byte)'T': nextFunding = ReadInt64(ref reader, "T"); continue;
                }
            }
            reader.Skip();
        }
        if (!isMarkPrice)
        {
            return null;
        }
        if (symbol is null || mark is null)
        {
            throw Bad("markPriceUpdate item is missing 's' or 'p'");
        }
        return new PremiumIndex(symbol.Value, mark.Value, index, settle, rate, 0m, FromMs(nextFunding, "T"), FromMs(eventTime, "E"));
    }

    /// <summary>Reads one event object (reader on StartObject) and dispatches forceOrder / single markPriceUpdate.</summary>
    private static void DeliverEvent(ref Utf8JsonReader reader, IMarketStreamHandler handler)
    {
        // Only two single-object events matter; anything else is skipped without allocating.
        var start = reader;
        string? type = null;
        long eventTime = 0;
        Liquidation? liquidation = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                reader.Read();
                eventTime = ReadInt64(ref reader, "E");
            }
            else if (reader.ValueTextEquals("o"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    liquidation = ReadForceOrder(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
        {
            throw Bad("stream event object is not closed");
        }

        switch (type)
        {
            case "forceOrder":
                if (liquidation is not { } liq)
                {
                    throw Bad("forceOrder event has no 'o' order object");
                }
                // Trade time T is the liquidation instant; fall back to the event time when T is absent.
                handler.OnLiquidation(liq.Time == DateTimeOffset.UnixEpoch && eventTime != 0 ? liq with { Time = FromMs(eventTime, "E") } : liq);
                break;
            case "markPriceUpdate":
                var single = start;
                if (ReadMarkPrice(ref single) is { } update)
                {
                    handler.OnMarkPrices([update]);
                }
                break;
        }
    }

    /// <summary>The <c>o</c> object of a forceOrder event. SELL = a long was liquidated; BUY = a short.</summary>
    private static Liquidation ReadForceOrder(ref Utf8JsonReader reader)
    {
        Symbol? symbol = null;
        PositionSide? side = null;
        decimal price = 0, average = 0;
        decimal? filled = null, original = null;
        long tradeTime = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("s"u8))
            {
                reader.Read();
                symbol = ReadSymbol(ref reader, "s");
            }
            else if (reader.ValueTextEquals("S"u8))
            {
                reader.Read();
                side = reader.ValueTextEquals("SELL"u8) ? PositionSide.Long
                    : reader.ValueTextEquals("BUY"u8) ? PositionSide.Short
                    : throw Bad($"forceOrder side must be BUY or SELL, got {Describe(ref reader)}");
            }
            else if (reader.ValueTextEquals("p"u8))
            {
                reader.Read();
                price = ReadDecimal(ref reader, "p") ?? 0m;
            }
            else if (reader.ValueTextEquals("ap"u8))
            {
                reader.Read();
                average = ReadDecimal(ref reader, "ap") ?? 0m;
            }
            else if (reader.ValueTextEquals("z"u8))
            {
                reader.Read();
                filled = ReadDecimal(ref reader, "z");
            }
            else if (reader.ValueTextEquals("q"u8))
            {
                reader.Read();
                original = ReadDecimal(ref reader, "q");
            }
            else if (reader.ValueTextEquals("T"u8))
            {
                reader.Read();
                tradeTime = ReadInt64(ref reader, "T");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (symbol is null || side is null)
        {
            throw Bad("forceOrder order is missing 's' or 'S'");
        }
        // z (accumulated filled) is what was actually liquidated; q is the order size, used only if z is absent.
        var quantity = filled ?? original ?? throw Bad("forceOrder order has neither 'z' nor 'q'");
        return new Liquidation(symbol.Value, side.Value, price, average, quantity, FromMs(tradeTime, "T"));
    }
}
