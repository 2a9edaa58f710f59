using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

/// <summary>
/// Bybit and OKX liquidation events of the same scenario, derived from the Binance <c>!forceOrder@arr</c> frames and
/// written in each venue's own stream format (docs/replay-scenario.md, "Bybit and OKX liquidations"):
/// <c>liquidations.bybit.jsonl.gz</c> holds <c>allLiquidation.{symbol}</c> pushes (one per symbol per 500 ms, sizes in
/// coins of the listing, <c>p</c> the bankruptcy price), <c>liquidations.okx.jsonl.gz</c> holds <c>liquidation-orders</c>
/// pushes (<c>sz</c> in contracts of <c>ctVal</c>, <c>bkPx</c> per coin) and <c>okx.instruments.json.gz</c> the
/// <c>/api/v5/public/instruments</c> answer the replay reads <c>ctVal</c> from, as the live stream does.
/// No random generator is used: every choice comes from an FNV-1a hash of (symbol, event time, venue), so the Binance
/// files are untouched and every run writes the same bytes.
/// </summary>
internal static class OtherVenueLiquidations
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Share of a Binance event's size that the derived event carries (before the jitter).</summary>
    public const decimal BybitShare = 0.45m, OkxShare = 0.30m;

    /// <summary>OKX contract value (coins per contract) of each asset's USDT swap, as in venue.okx.json.gz.</summary>
    private static readonly Dictionary<string, decimal> OkxCtVal = new(StringComparer.Ordinal)
    {
        ["BTC"] = 0.01m, ["ETH"] = 0.1m, ["SOL"] = 1m, ["PEPE"] = 10_000_000m,
    };

    /// <summary>OKX's size step for these swaps, in contracts [U: BTC-USDT-SWAP's lotSz; used for all four].</summary>
    private const decimal OkxLot = 0.01m;

    private readonly record struct BinanceEvent(string Symbol, bool Long, decimal Quantity, decimal OrderPrice, long TimeMs);

    /// <param name="frames">The Binance frames as written (any order).</param>
    /// <param name="quantityDecimals">Each symbol's quantity step as decimals (Binance's; Bybit lists the same steps).</param>
    public static void Write(string output, IEnumerable<string> frames, IReadOnlyDictionary<string, int> quantityDecimals)
    {
        var events = frames.Select(Parse).OrderBy(e => e.TimeMs).ThenBy(e => e.Symbol, StringComparer.Ordinal).ToList();
        var bybit = new List<(long Push, string Symbol, long Time, string Item)>();
        var okx = new List<(long Time, string Symbol, string Frame)>();
        foreach (var e in events)
        {
            var key = e.Symbol + "|" + e.TimeMs.ToString(Inv);
            var (bybitJitter, bybitDelay) = Jitter(Hash(key + "|bybit"));
            var bybitTime = e.TimeMs + bybitDelay;
            var step = quantityDecimals[e.Symbol];
            var coins = Math.Max(StepOf(step), Math.Round(e.Quantity * BybitShare * bybitJitter, step));
            // Bybit: "When you receive a Buy update, this means that a long position has been liquidated" (apis.md B.1).
            bybit.Add(((bybitTime / 500 + 1) * 500, e.Symbol, bybitTime,
                "{\"T\":" + bybitTime.ToString(Inv) + ",\"s\":\"" + e.Symbol + "\",\"S\":\"" + (e.Long ? "Buy" : "Sell")
                + "\",\"v\":\"" + Plain(coins) + "\",\"p\":\"" + Plain(e.OrderPrice) + "\"}"));

            var okxHash = Hash(key + "|okx");
            if (okxHash % 3 == 0)
            {
                continue; // two in three Binance events get an OKX twin
            }
            var (okxJitter, okxDelay) = Jitter(okxHash);
            var okxTime = e.TimeMs + okxDelay;
            var (asset, unit) = e.Symbol.StartsWith("1000", StringComparison.Ordinal) ? (e.Symbol[4..^4], 1000m) : (e.Symbol[..^4], 1m);
            var ctVal = OkxCtVal[asset];
            var contracts = Math.Max(OkxLot, Math.Round(e.Quantity * unit * OkxShare * okxJitter / ctVal / OkxLot) * OkxLot);
            var inst = asset + "-USDT";
            // OKX: side "sell" = a long was liquidated; bkPx per coin (1000PEPE's price per 1,000 → per PEPE).
            okx.Add((okxTime, e.Symbol,
                "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\""
                + Plain(e.OrderPrice / unit) + "\",\"ccy\":\"\",\"posSide\":\"" + (e.Long ? "long" : "short") + "\",\"side\":\"" + (e.Long ? "sell" : "buy")
                + "\",\"sz\":\"" + Plain(contracts) + "\",\"ts\":\"" + okxTime.ToString(Inv) + "\"}],\"instFamily\":\"" + inst + "\",\"instId\":\""
                + inst + "-SWAP\",\"instType\":\"SWAP\",\"uly\":\"" + inst + "\"}]}"));
        }

        // Bybit pushes every 500 ms: one frame per symbol and push, its events in time order.
        var bybitFrames = bybit
            .GroupBy(b => (b.Push, b.Symbol))
            .OrderBy(g => g.Key.Push).ThenBy(g => g.Key.Symbol, StringComparer.Ordinal)
            .Select(g => "{\"topic\":\"allLiquidation." + g.Key.Symbol + "\",\"type\":\"snapshot\",\"ts\":" + g.Key.Push.ToString(Inv)
                + ",\"data\":[" + string.Join(',', g.OrderBy(b => b.Time).Select(b => b.Item)) + "]}");
        WriteGz(output, "liquidations.bybit.jsonl.gz", string.Join('\n', bybitFrames) + "\n");
        WriteGz(output, "liquidations.okx.jsonl.gz",
            string.Join('\n', okx.OrderBy(o => o.Time).ThenBy(o => o.Symbol, StringComparer.Ordinal).Select(o => o.Frame)) + "\n");
        WriteGz(output, "okx.instruments.json.gz",
            "{\"code\":\"0\",\"msg\":\"\",\"data\":[" + string.Join(',', OkxCtVal.Select(kv =>
                "{\"instType\":\"SWAP\",\"instId\":\"" + kv.Key + "-USDT-SWAP\",\"uly\":\"" + kv.Key + "-USDT\",\"instFamily\":\"" + kv.Key
                + "-USDT\",\"ctType\":\"linear\",\"ctVal\":\"" + Plain(kv.Value) + "\",\"ctMult\":\"1\",\"ctValCcy\":\"" + kv.Key
                + "\",\"settleCcy\":\"USDT\",\"state\":\"live\",\"listTime\":\"1573557408000\"}")) + "]}");
    }

    /// <summary>Size jitter in [0.7, 1.3) and delay 50–950 ms after the Binance event, from one hash.</summary>
    private static (decimal Jitter, long DelayMs) Jitter(uint hash) => (0.7m + (hash % 600) / 1000m, 50 + (hash / 600) % 900);

    private static BinanceEvent Parse(string frame)
    {
        using var doc = JsonDocument.Parse(frame);
        var o = doc.RootElement.GetProperty("data").GetProperty("o");
        return new BinanceEvent(
            o.GetProperty("s").GetString()!,
            o.GetProperty("S").GetString() == "SELL", // Binance: a forced SELL closes a long
            decimal.Parse(o.GetProperty("q").GetString()!, Inv),
            decimal.Parse(o.GetProperty("p").GetString()!, Inv),
            o.GetProperty("T").GetInt64());
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes (string.GetHashCode is randomized).</summary>
    private static uint Hash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }

    /// <summary>The quantity step with <paramref name="decimals"/> decimals (3 → 0.001).</summary>
    private static decimal StepOf(int decimals)
    {
        var step = 1m;
        for (var i = 0; i < decimals; i++)
        {
            step /= 10;
        }
        return step;
    }

    /// <summary>A decimal without trailing zeros or exponent.</summary>
    private static string Plain(decimal value) => value.ToString("0.############", Inv);

    private static void WriteGz(string output, string name, string text)
    {
        using var file = File.Create(Path.Combine(output, name));
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }
}
