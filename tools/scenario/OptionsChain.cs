using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

/// <summary>
/// The scenario's Deribit option chains (docs/replay-scenario.md, "Options chain"): the real Deribit BTC/ETH chain of
/// 2021-02-11 re-centred on the scenario's prices at each snapshot — strikes scaled by price ratio, expiries moved to the
/// same place in the scenario's calendar (n-th daily / weekly / monthly / quarterly), put open interest steered along a
/// documented put/call path. Written as Deribit <c>get_book_summary_by_currency</c> JSON-RPC responses, one per line.
/// Deterministic: no randomness at all.
/// </summary>
internal static class OptionsChain
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Start = new(2025, 10, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2025, 10, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CascadeStart = new(2025, 10, 10, 20, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CascadeEnd = new(2025, 10, 10, 21, 40, 0, TimeSpan.Zero);
    private static readonly TimeSpan ExpiryTime = TimeSpan.FromHours(8);

    /// <summary>Snapshot instants: every 8 h, plus one 20 minutes after the cascade.</summary>
    public static IReadOnlyList<DateTimeOffset> Snapshots()
    {
        var list = new List<DateTimeOffset>();
        for (var t = Start; t <= End; t += TimeSpan.FromHours(8))
        {
            list.Add(t);
        }
        list.Add(CascadeEnd + TimeSpan.FromMinutes(20));
        list.Sort();
        return list;
    }

    private sealed record Spec(string Currency, string Csv, string PerpSymbol, decimal StrikeStep, double PcrFactor);

    private static readonly Spec[] Specs =
    [
        new("BTC", "deribit_btc_options_ticker_snapshot_2021-02-11.csv", "BTCUSDT", 500m, 1.0),
        new("ETH", "deribit_eth_options_ticker_snapshot_2021-02-11.csv", "ETHUSDT", 25m, 1.1),
    ];

    /// <summary>Total open interest and volume scale: Deribit's BTC options book is about three times its Feb 2021 size.</summary>
    private const decimal SizeScale = 3m;

    public static void Write(string input, string output)
    {
        foreach (var spec in Specs)
        {
            var real = ReadChain(Path.Combine(input, spec.Csv));
            var prices = ReadIndexPrices(Path.Combine(output, spec.PerpSymbol + ".premiumIndex.json.gz"));
            var realPcr = real.Where(r => r.Put).Sum(r => r.OpenInterest) / real.Where(r => !r.Put).Sum(r => r.OpenInterest);
            var sb = new StringBuilder();
            foreach (var t in Snapshots())
            {
                sb.Append(Snapshot(spec, real, realPcr, t, PriceAt(prices, t))).Append('\n');
            }
            var path = Path.Combine(output, $"deribit.{spec.Currency}.book_summary.jsonl.gz");
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
            gz.Write(Encoding.UTF8.GetBytes(sb.ToString()));
        }
    }

    /// <summary>
    /// The put/call open-interest path the BTC chain follows (ETH × 1.1): 0.55 until 2025-10-08, rising linearly to 0.70
    /// just before the cascade (hedging while longs crowd), 0.95 right after it, decaying toward 0.80 with a 48 h half-life.
    /// </summary>
    public static double TargetPutCall(DateTimeOffset t)
    {
        var riseStart = new DateTimeOffset(2025, 10, 8, 0, 0, 0, TimeSpan.Zero);
        if (t < riseStart)
        {
            return 0.55;
        }
        if (t < CascadeStart)
        {
            return 0.55 + (0.15 * (t - riseStart).TotalHours / (CascadeStart - riseStart).TotalHours);
        }
        var hours = Math.Max(0, (t - CascadeEnd).TotalHours);
        return 0.80 + (0.15 * Math.Pow(0.5, hours / 48));
    }

    /// <summary>IV multiplier: +40 % right after the cascade, decaying with a 24 h half-life; 1 before it.</summary>
    public static double IvFactor(DateTimeOffset t) =>
        t < CascadeStart ? 1.0 : 1.0 + (0.4 * Math.Pow(0.5, Math.Max(0, (t - CascadeEnd).TotalHours) / 24));

    /// <summary>Volume multiplier: ×2.5 for snapshots whose 24 h window contains the cascade.</summary>
    public static decimal VolumeFactor(DateTimeOffset t) => t >= CascadeStart && t - TimeSpan.FromHours(24) < CascadeEnd ? 2.5m : 1m;

    private static string Snapshot(Spec spec, List<RealOption> real, decimal realPcr, DateTimeOffset t, decimal price)
    {
        var f = price / real[0].Index;
        var putFactor = (decimal)(TargetPutCall(t) * spec.PcrFactor) / realPcr;
        var ivFactor = (decimal)IvFactor(t);
        var volumeFactor = VolumeFactor(t);
        var merged = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        foreach (var r in real)
        {
            var expiry = MapExpiry(r.Expiry, t);
            var strike = Math.Round(r.Strike * f / spec.StrikeStep, MidpointRounding.AwayFromZero) * spec.StrikeStep;
            var name = $"{spec.Currency}-{FormatDate(expiry)}-{strike.ToString(Inv)}-{(r.Put ? "P" : "C")}";
            var oi = Math.Round(r.OpenInterest * SizeScale * (r.Put ? putFactor : 1m), 1);
            decimal? volume = r.Volume is { } v ? Math.Round(v * SizeScale * volumeFactor * (r.Put ? putFactor : 1m), 1) : null;
            if (merged.TryGetValue(name, out var existing))
            {
                // Two real strikes rounding to one scenario strike: one instrument holding both.
                merged[name] = existing with { OpenInterest = existing.OpenInterest + oi, Volume = existing.Volume is null && volume is null ? null : (existing.Volume ?? 0) + (volume ?? 0) };
                continue;
            }
            merged[name] = new Row(name, expiry, oi, volume, r.MarkIv is { } iv ? Math.Round(iv * ivFactor, 2) : null,
                Math.Round(r.Underlying * f, 2), r.MarkPrice, Math.Round(price, 2));
        }
        var ms = t.ToUnixTimeMilliseconds();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteStartArray("result");
            foreach (var row in merged.Values)
            {
                w.WriteStartObject();
                w.WriteNumber("volume_usd", row.Volume is { } vu ? Math.Round(vu * price, 0) : 0);
                w.WriteNull("volume_notional");
                if (row.Volume is { } vol) { w.WriteNumber("volume", vol); } else { w.WriteNull("volume"); }
                w.WriteString("quote_currency", spec.Currency);
                w.WriteNumber("underlying_price", row.Underlying);
                w.WriteString("underlying_index", "SYN." + spec.Currency + "-" + FormatDate(row.Expiry));
                w.WriteNull("price_change");
                w.WriteNumber("open_interest", row.OpenInterest);
                w.WriteNull("mid_price");
                if (row.MarkIv is { } miv) { w.WriteNumber("mark_iv", miv); } else { w.WriteNull("mark_iv"); }
                w.WriteNumber("mark_price", row.MarkPrice);
                w.WriteNull("low");
                w.WriteNull("last");
                w.WriteNumber("interest_rate", 0);
                w.WriteString("instrument_name", row.Name);
                w.WriteNull("high");
                w.WriteNumber("estimated_delivery_price", row.Index);
                w.WriteNumber("creation_timestamp", ms);
                w.WriteNull("bid_price");
                w.WriteString("base_currency", spec.Currency);
                w.WriteNull("ask_price");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("usIn", (ms * 1000) - 900);
            w.WriteNumber("usOut", ms * 1000);
            w.WriteNumber("usDiff", 900);
            w.WriteBoolean("testnet", false);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private enum ExpiryClass { Daily, Weekly, Monthly, Quarterly }

    private static bool IsLastFriday(DateOnly d) => d.DayOfWeek == DayOfWeek.Friday && d.AddDays(7).Month != d.Month;

    private static ExpiryClass ClassOf(DateOnly d) =>
        IsLastFriday(d) ? (d.Month % 3 == 0 ? ExpiryClass.Quarterly : ExpiryClass.Monthly)
        : d.DayOfWeek == DayOfWeek.Friday ? ExpiryClass.Weekly
        : ExpiryClass.Daily;

    /// <summary>The first date whose 08:00 UTC expiry is still ahead of <paramref name="t"/>.</summary>
    private static DateOnly FirstLive(DateTimeOffset t)
    {
        var date = DateOnly.FromDateTime(t.UtcDateTime);
        return t.UtcDateTime.TimeOfDay < ExpiryTime ? date : date.AddDays(1);
    }

    private static readonly DateTimeOffset RealSnapshot = new(2021, 2, 11, 18, 40, 0, TimeSpan.Zero);

    /// <summary>
    /// The real expiry's place in its class (the n-th daily / weekly Friday / monthly last Friday / quarterly last Friday
    /// after the real snapshot) becomes the n-th date of the same class after the scenario instant.
    /// </summary>
    private static DateOnly MapExpiry(DateOnly realExpiry, DateTimeOffset t)
    {
        var cls = ClassOf(realExpiry);
        var rank = 0;
        for (var d = FirstLive(RealSnapshot); d <= realExpiry; d = d.AddDays(1))
        {
            rank += ClassOf(d) == cls ? 1 : 0;
        }
        var date = FirstLive(t);
        for (var seen = 0; ; date = date.AddDays(1))
        {
            if (ClassOf(date) == cls && ++seen == rank)
            {
                return date;
            }
        }
    }

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static string FormatDate(DateOnly d) => d.Day.ToString(Inv) + Months[d.Month - 1] + (d.Year % 100).ToString("00", Inv);

    private sealed record RealOption(string Name, DateOnly Expiry, decimal Strike, bool Put, decimal OpenInterest, decimal? Volume, decimal? MarkIv, decimal Underlying, decimal MarkPrice, decimal Index);

    private sealed record Row(string Name, DateOnly Expiry, decimal OpenInterest, decimal? Volume, decimal? MarkIv, decimal Underlying, decimal MarkPrice, decimal Index);

    /// <summary>The real chain: the later of the two sweeps of each instrument.</summary>
    private static List<RealOption> ReadChain(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var byName = new SortedDictionary<string, (long Time, RealOption Option)>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = SplitCsv(line);
            string Cell(string name) => cells[Col(name)];
            decimal? Num(string name) => decimal.TryParse(Cell(name), NumberStyles.Float, Inv, out var v) ? v : null;
            var name = Cell("instrument_name");
            var parts = name.Split('-');
            var day = parts[1][..^5];
            var month = Array.IndexOf(Months, parts[1][^5..^2]) + 1;
            var expiry = new DateOnly(2000 + int.Parse(parts[1][^2..], Inv), month, int.Parse(day, Inv));
            var option = new RealOption(name, expiry, decimal.Parse(parts[2], Inv), parts[3] == "P", Num("open_interest") ?? 0m,
                Num("stats.volume"), Num("mark_iv"), Num("underlying_price")!.Value, Num("mark_price") ?? 0m, Num("index_price")!.Value);
            var time = long.Parse(Cell("timestamp"), Inv);
            if (!byName.TryGetValue(name, out var existing) || existing.Time <= time)
            {
                byName[name] = (time, option);
            }
        }
        return byName.Values.Select(v => v.Option).ToList();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(ch);
            }
        }
        cells.Add(sb.ToString());
        return cells;
    }

    private static List<(long Time, decimal Price)> ReadIndexPrices(string path)
    {
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gz);
        return doc.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("time").GetInt64(), decimal.Parse(e.GetProperty("indexPrice").GetString()!, Inv)))
            .OrderBy(p => p.Item1)
            .ToList();
    }

    /// <summary>The index price of the last 5-minute sample at or before <paramref name="t"/> (the first one before the start).</summary>
    private static decimal PriceAt(List<(long Time, decimal Price)> prices, DateTimeOffset t)
    {
        var ms = t.ToUnixTimeMilliseconds();
        var price = prices[0].Price;
        foreach (var (time, p) in prices)
        {
            if (time > ms)
            {
                break;
            }
            price = p;
        }
        return price;
    }
}
