using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Binance;

/// <summary>
/// Parsers for Binance USDⓈ-M (and spot ticker) payloads in the exchange's own JSON format (apis.md section A).
/// Shared by the live client and the replay venue, so they take raw UTF-8 bytes and never touch the network.
/// Wire quirks honoured everywhere: prices/quantities/rates are JSON strings (numbers are accepted too), times are
/// epoch-millisecond integers (strings are accepted too: <c>/futures/data/*</c> sends either), unknown fields are
/// ignored, empty strings mean "not applicable" (delivery contracts send <c>"r":""</c>), invariant culture.
/// Anything malformed throws <see cref="VenueException"/> with <see cref="VenueErrorKind.BadResponse"/>.
/// </summary>
internal static class BinanceParsers
{
    public const string Venue = "binance";

    // REST payloads are parsed with JsonDocument (clear, and cheap next to a network round trip); the stream frame is
    // the hot path (500 symbols every second) and is read with Utf8JsonReader straight from the bytes.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    // ---------------------------------------------------------------- REST

    /// <summary><c>/fapi/v1/exchangeInfo</c>: perpetual contracts that are TRADING and quoted in USDT or USDC.</summary>
    public static IReadOnlyList<PerpetualContract> ParseExchangeInfo(ReadOnlySpan<byte> json)
    {
        const string what = "exchangeInfo";
        return WithDocument(json, what, root =>
        {
            var symbols = RequireProperty(root, "symbols", what, JsonValueKind.Array);
            var result = new List<PerpetualContract>();
            foreach (var item in symbols.EnumerateArray())
            {
                RequireKind(item, JsonValueKind.Object, what);
                var contractType = OptionalString(item, "contractType");
                var status = OptionalString(item, "status");
                var quote = OptionalString(item, "quoteAsset");
                if (contractType != "PERPETUAL" || status != "TRADING" || (quote != "USDT" && quote != "USDC"))
                {
                    continue;
                }
                result.Add(new PerpetualContract(
                    RequireSymbol(item, "symbol", what),
                    RequireString(item, "baseAsset", what),
                    quote,
                    contractType,
                    status,
                    OptionalDecimal(item, "maintMarginPercent", what),
                    OptionalTime(item, "onboardDate", what) ?? DateTimeOffset.UnixEpoch));
            }
            return result;
        });
    }

    /// <summary><c>/fapi/v1/premiumIndex</c>: one object (with <c>symbol</c>) or an array (all symbols).</summary>
    public static IReadOnlyList<PremiumIndex> ParsePremiumIndex(ReadOnlySpan<byte> json)
    {
        const string what = "premiumIndex";
        return WithDocument(json, what, root => ObjectOrArray(root, what, item => new PremiumIndex(
            RequireSymbol(item, "symbol", what),
            RequireDecimal(item, "markPrice", what),
            OptionalDecimal(item, "indexPrice", what) ?? 0m,
            OptionalDecimal(item, "estimatedSettlePrice", what) ?? 0m,
            OptionalDecimal(item, "lastFundingRate", what) ?? 0m,
            OptionalDecimal(item, "interestRate", what) ?? 0m,
            OptionalTime(item, "nextFundingTime", what) ?? DateTimeOffset.UnixEpoch,
            RequireTime(item, "time", what))));
    }

    /// <summary><c>/fapi/v1/fundingRate</c>: settled funding, ascending. Old rows may carry an empty <c>markPrice</c>.</summary>
    public static IReadOnlyList<FundingRatePoint> ParseFundingRates(ReadOnlySpan<byte> json)
    {
        const string what = "fundingRate";
        return WithDocument(json, what, root => ArrayOf(root, what, item => new FundingRatePoint(
            RequireTime(item, "fundingTime", what),
            RequireDecimal(item, "fundingRate", what),
            OptionalDecimal(item, "markPrice", what))));
    }

    /// <summary><c>/fapi/v1/fundingInfo</c>: only symbols whose funding parameters were adjusted (Aster: cap/floor as <c>fundingFeeCap</c>/<c>fundingFeeFloor</c>).</summary>
    public static IReadOnlyList<FundingInfoEntry> ParseFundingInfo(ReadOnlySpan<byte> json)
    {
        const string what = "fundingInfo";
        return WithDocument(json, what, root => ArrayOf(root, what, item =>
        {
            var hours = RequireInt64(item, "fundingIntervalHours", what);
            if (hours is <= 0 or > 24)
            {
                throw Bad($"{what}: fundingIntervalHours {hours} is out of range");
            }
            // Aster's copy of the endpoint names the bounds fundingFeeCap/fundingFeeFloor; Binance adjustedFundingRate*.
            return new FundingInfoEntry(
                RequireSymbol(item, "symbol", what),
                (int)hours,
                OptionalDecimal(item, "adjustedFundingRateCap", what) ?? RequireDecimal(item, "fundingFeeCap", what),
                OptionalDecimal(item, "adjustedFundingRateFloor", what) ?? RequireDecimal(item, "fundingFeeFloor", what));
        }));
    }

    /// <summary>
    /// <c>/fapi/v1/openInterest</c>: <c>openInterest</c> is in base-asset units; the USD value is contracts ×
    /// <paramref name="markPrice"/> (0 when the mark price is unknown, i.e. zero or negative).
    /// </summary>
    public static OpenInterestPoint ParseOpenInterest(ReadOnlySpan<byte> json, decimal markPrice)
    {
        const string what = "openInterest";
        return WithDocument(json, what, root =>
        {
            RequireKind(root, JsonValueKind.Object, what);
            var contracts = RequireDecimal(root, "openInterest", what);
            return new OpenInterestPoint(
                RequireTime(root, "time", what),
                contracts,
                markPrice > 0 ? contracts * markPrice : 0m);
        });
    }

    /// <summary><c>/futures/data/openInterestHist</c>; <c>timestamp</c> is a string or a number.</summary>
    public static IReadOnlyList<OpenInterestPoint> ParseOpenInterestHist(ReadOnlySpan<byte> json)
    {
        const string what = "openInterestHist";
        return WithDocument(json, what, root => ArrayOf(root, what, item => new OpenInterestPoint(
            RequireTime(item, "timestamp", what),
            RequireDecimal(item, "sumOpenInterest", what),
            OptionalDecimal(item, "sumOpenInterestValue", what) ?? 0m)));
    }

    /// <summary>
    /// The three <c>/futures/data/*LongShort*Ratio</c> endpoints (same shape; in the position ratio
    /// <c>longAccount</c>/<c>shortAccount</c> hold position shares).
    /// </summary>
    public static IReadOnlyList<RatioPoint> ParseLongShortRatios(ReadOnlySpan<byte> json)
    {
        const string what = "longShortRatio";
        return WithDocument(json, what, root => ArrayOf(root, what, item => new RatioPoint(
            RequireTime(item, "timestamp", what),
            RequireDecimal(item, "longShortRatio", what),
            RequireDecimal(item, "longAccount", what),
            RequireDecimal(item, "shortAccount", what))));
    }

    /// <summary><c>/futures/data/takerlongshortRatio</c> (no <c>symbol</c> field; volumes in base units).</summary>
    public static IReadOnlyList<TakerVolumePoint> ParseTakerVolume(ReadOnlySpan<byte> json)
    {
        const string what = "takerlongshortRatio";
        return WithDocument(json, what, root => ArrayOf(root, what, item => new TakerVolumePoint(
            RequireTime(item, "timestamp", what),
            RequireDecimal(item, "buySellRatio", what),
            RequireDecimal(item, "buyVol", what),
            RequireDecimal(item, "sellVol", what))));
    }

    /// <summary><c>/fapi/v1/klines</c>: an array of 12-element arrays mixing strings and integers.</summary>
    public static IReadOnlyList<Kline> ParseKlines(ReadOnlySpan<byte> json)
    {
        const string what = "klines";
        return WithDocument(json, what, root =>
        {
            RequireArray(root, what);
            var result = new List<Kline>(root.GetArrayLength());
            foreach (var row in root.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 11)
                {
                    throw Bad($"{what}: each row must be an array of at least 11 values, got {Describe(row)}");
                }
                result.Add(new Kline(
                    ToTime(row[0], what, "openTime"),
                    ToDecimal(row[1], what, "open") ?? throw Missing(what, "open"),
                    ToDecimal(row[2], what, "high") ?? throw Missing(what, "high"),
                    ToDecimal(row[3], what, "low") ?? throw Missing(what, "low"),
                    ToDecimal(row[4], what, "close") ?? throw Missing(what, "close"),
                    ToDecimal(row[5], what, "volume") ?? 0m,
                    ToTime(row[6], what, "closeTime"),
                    ToDecimal(row[7], what, "quoteVolume") ?? 0m,
                    ToInt64(row[8], what, "count"),
                    ToDecimal(row[9], what, "takerBuyBaseVolume") ?? 0m,
                    ToDecimal(row[10], what, "takerBuyQuoteVolume") ?? 0m));
            }
            return result;
        });
    }

    /// <summary>Futures <c>/fapi/v1/ticker/24hr</c> or spot <c>/api/v3/ticker/24hr</c>: one object or an array.</summary>
    public static IReadOnlyList<Ticker24h> ParseTickers(ReadOnlySpan<byte> json)
    {
        const string what = "ticker/24hr";
        return WithDocument(json, what, root => ObjectOrArray(root, what, item => new Ticker24h(
            RequireSymbol(item, "symbol", what),
            RequireDecimal(item, "lastPrice", what),
            OptionalDecimal(item, "priceChangePercent", what) ?? 0m,
            OptionalDecimal(item, "volume", what) ?? 0m,
            OptionalDecimal(item, "quoteVolume", what) ?? 0m,
            OptionalTime(item, "openTime", what) ?? DateTimeOffset.UnixEpoch,
            OptionalTime(item, "closeTime", what) ?? DateTimeOffset.UnixEpoch)));
    }

    /// <summary>
    /// The per-minute <c>REQUEST_WEIGHT</c> limit from exchangeInfo's <c>rateLimits</c> (2400 on futures today), so the
    /// budget follows Binance if it changes the limit. Returns false when absent or unreadable; never throws.
    /// </summary>
    public static bool TryParseRequestWeightPerMinute(ReadOnlySpan<byte> json, out int limit)
    {
        limit = 0;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("rateLimits", out var limits) || limits.ValueKind != JsonValueKind.Array)
            {
                return false;
            }
            foreach (var item in limits.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && OptionalString(item, "rateLimitType") == "REQUEST_WEIGHT"
                    && OptionalString(item, "interval") == "MINUTE"
                    && item.TryGetProperty("intervalNum", out var num) && num.ValueKind == JsonValueKind.Number && num.TryGetInt32(out var n) && n > 0
                    && item.TryGetProperty("limit", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var l) && l > 0)
                {
                    limit = l / n;
                    return limit > 0;
                }
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
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

    // ---------------------------------------------------------------- stream

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

    // ---------------------------------------------------------------- Utf8JsonReader helpers (hot path)

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

    // ---------------------------------------------------------------- JsonDocument helpers (REST)

    private static T WithDocument<T>(ReadOnlySpan<byte> json, string what, Func<JsonElement, T> parse)
    {
        JsonDocument? document = null;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("trailing data after the JSON value");
            }
        }
        catch (JsonException ex)
        {
            document?.Dispose();
            var preview = json.Length == 0 ? "an empty body" : $"{json.Length} bytes";
            throw new VenueException(Venue, VenueErrorKind.BadResponse,
                $"{Venue}: malformed {what} response ({preview}; {ex.Message})", ex);
        }
        using (document)
        {
            try
            {
                return parse(document.RootElement);
            }
            catch (InvalidOperationException ex)
            {
                throw new VenueException(Venue, VenueErrorKind.BadResponse, $"{Venue}: unexpected {what} response ({ex.Message})", ex);
            }
        }
    }

    private static List<T> ArrayOf<T>(JsonElement root, string what, Func<JsonElement, T> item)
    {
        RequireArray(root, what);
        var result = new List<T>(root.GetArrayLength());
        foreach (var element in root.EnumerateArray())
        {
            RequireKind(element, JsonValueKind.Object, what);
            result.Add(item(element));
        }
        return result;
    }

    private static List<T> ObjectOrArray<T>(JsonElement root, string what, Func<JsonElement, T> item)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            RejectErrorBody(root, what);
            return [item(root)];
        }
        return ArrayOf(root, what, item);
    }

    private static void RequireArray(JsonElement root, string what)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            RejectErrorBody(root, what);
        }
        RequireKind(root, JsonValueKind.Array, what);
    }

    /// <summary>An error body where data was expected (a proxy, or a 200 that is not data) must say what Binance said.</summary>
    private static void RejectErrorBody(JsonElement root, string what)
    {
        if (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
            && root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String)
        {
            throw new VenueException(Venue, VenueErrorKind.BadResponse,
                $"{Venue}: {what} returned an error instead of data: {code.GetRawText()} {msg.GetString()}")
            {
                VendorCode = code.TryGetInt32(out var c) ? c : null,
            };
        }
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw Bad($"{what}: expected a JSON {kind.ToString().ToLowerInvariant()}, got {Describe(element)}");
        }
    }

    private static JsonElement RequireProperty(JsonElement obj, string name, string what, JsonValueKind kind)
    {
        RequireKind(obj, JsonValueKind.Object, what);
        if (!obj.TryGetProperty(name, out var value))
        {
            throw Missing(what, name);
        }
        RequireKind(value, kind, what + "." + name);
        return value;
    }

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequireString(JsonElement obj, string name, string what)
    {
        var text = OptionalString(obj, name);
        return string.IsNullOrEmpty(text) ? throw Missing(what, name) : text;
    }

    private static Symbol RequireSymbol(JsonElement obj, string name, string what) =>
        SymbolOf(RequireString(obj, name, what), name);

    private static decimal? OptionalDecimal(JsonElement obj, string name, string what) =>
        obj.TryGetProperty(name, out var value) ? ToDecimal(value, what, name) : null;

    private static decimal RequireDecimal(JsonElement obj, string name, string what) =>
        OptionalDecimal(obj, name, what) ?? throw Missing(what, name);

    private static long RequireInt64(JsonElement obj, string name, string what) =>
        obj.TryGetProperty(name, out var value) ? ToInt64(value, what, name) : throw Missing(what, name);

    private static DateTimeOffset? OptionalTime(JsonElement obj, string name, string what)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return null;
        }
        return ToTime(value, what, name);
    }

    private static DateTimeOffset RequireTime(JsonElement obj, string name, string what) =>
        OptionalTime(obj, name, what) ?? throw Missing(what, name);

    private static decimal? ToDecimal(JsonElement value, string what, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString();
                return string.IsNullOrEmpty(text) ? null : ParseDecimalText(text, what + "." + name);
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) ? number : throw Bad($"{what}: '{name}' is out of decimal range");
            case JsonValueKind.Null:
                return null;
            default:
                throw Bad($"{what}: '{name}' must be a string or number, got {Describe(value)}");
        }
    }

    private static long ToInt64(JsonElement value, string what, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Bad($"{what}: '{name}' must be an integer, got {Describe(value)}");
        }
    }

    private static DateTimeOffset ToTime(JsonElement value, string what, string name) =>
        FromMs(ToInt64(value, what, name), what + "." + name);

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

    private static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    private static VenueException Missing(string what, string name) => Bad($"{what}: required field '{name}' is missing or empty");

    private static VenueException Bad(string message) =>
        new(Venue, VenueErrorKind.BadResponse, $"{Venue}: {message}");
}
