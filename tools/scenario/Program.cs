using System.Globalization;
using System.IO.Compression;
using System.Text;

// Replay scenario generator. See docs/replay-scenario.md for what is real, what is derived and how.
// Usage: dotnet run --project tools/scenario [-- <repo root>]
var root = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : Directory.GetCurrentDirectory();
var input = Path.Combine(root, "tools", "scenario", "input");
var output = Path.Combine(root, "src", "DerivBot.Venues", "Replay", "Data");
Directory.CreateDirectory(output);
if (!args.Contains("--options-only"))
{
    new Generator(input, output).Run();
}
// Deribit option chains, re-centred on the prices written above (docs/replay-scenario.md, "Options chain").
OptionsChain.Write(input, output);
Console.WriteLine($"Scenario written to {output}");

internal sealed record SymbolSpec(
    string Symbol, string BaseAsset, string SpotBase, double Beta, double Anchor, int PriceDecimals, string TickSize,
    int QtyDecimals, string StepSize, double BaseVolume, double TradesPerUnit, double OiScale, string OiSource,
    double BuildUp, double CascadeDrop, double FundingFloor, int FundingHours, double FundingScale, double Idio,
    double LiqMedianUsd, double CascadeLiqMedianUsd, string MaintMargin);

internal sealed class Generator(string input, string output)
{
    private const int Seed = 20251010;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset T0 = new(2025, 10, 5, 0, 0, 0, TimeSpan.Zero);
    private const int Bars = 10 * 288; // 2025-10-05 00:00 .. 2025-10-15 00:00, 5-minute bars
    private static readonly DateTimeOffset CascadeStart = new(2025, 10, 10, 20, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CascadeEnd = new(2025, 10, 10, 21, 40, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bar = TimeSpan.FromMinutes(5);

    private static readonly SymbolSpec[] Specs =
    [
        new("BTCUSDT", "BTC", "BTC", 1.0, 0, 1, "0.10", 3, "0.001", 570, 16, 4.0, "BTC", 0.12, 0.16, -0.00025, 8, 1.0, 0, 2_500, 45_000, "2.5000"),
        new("ETHUSDT", "ETH", "ETH", 1.25, 4_490, 2, "0.01", 3, "0.001", 9_000, 1.1, 7.5, "ETH", 0.14, 0.20, -0.0016, 8, 1.0, 0.0009, 2_000, 35_000, "2.5000"),
        new("SOLUSDT", "SOL", "SOL", 1.45, 232, 2, "0.0100", 2, "0.01", 60_000, 0.12, 0, "BTC", 0.16, 0.22, -0.0025, 8, 1.3, 0.0014, 1_200, 20_000, "2.5000"),
        new("1000PEPEUSDT", "1000PEPE", "PEPE", 1.9, 0.0097, 7, "0.0000001", 0, "1", 900_000_000, 0.0000035, 0, "BTC", 0.18, 0.27, -0.004, 4, 1.8, 0.0022, 800, 12_000, "5.0000"),
    ];

    // Absolute open-interest levels (contracts) at the start for symbols without a real OI file (SOL, 1000PEPE).
    private static readonly Dictionary<string, double> OiStartContracts = new() { ["SOLUSDT"] = 11_500_000, ["1000PEPEUSDT"] = 52_000_000_000 };

    private readonly Random _rng = new(Seed);

    public void Run()
    {
        var btc = ReadBtcBars();
        var oiDaily = ReadDaily(Path.Combine(input, "coinalyze_binance_coinm_btc_eth_daily_open_interest_usd_2025-10-04_to_2025-10-16.csv"), closeColumn: 9);
        var fundingDaily = ReadDaily(Path.Combine(input, "coinalyze_binance_coinm_btc_eth_daily_funding_rate_pct_2025-10-04_to_2025-10-16.csv"), closeColumn: 6);
        var frames = new List<(long Time, string Symbol, string Frame)>();
        var derived = new List<(SymbolSpec Spec, List<BarRow> Bars, List<double> Oi, List<double> Funding)>();

        foreach (var spec in Specs)
        {
            var bars = spec.Symbol == "BTCUSDT" ? btc : Derive(btc, spec);
            Volumes(bars, spec);
            var oi = OpenInterest(bars, btc, spec, oiDaily);
            var funding = PredictedFunding(bars, spec, fundingDaily);
            WriteKlines(spec, bars);
            WritePremium(spec, bars, funding);
            WriteFundingRates(spec, bars, funding);
            WriteOpenInterest(spec, bars, oi);
            WriteRatios(spec, bars);
            WriteTaker(spec, bars);
            frames.AddRange(Liquidations(spec, bars));
            derived.Add((spec, bars, oi, funding));
        }
        // The other venues come last and from their own seeds, so the Binance files above stay byte-identical.
        new OtherVenues(output).Write(derived.Select(d => new BinanceSeries(d.Spec.Symbol, d.Spec.BaseAsset, d.Spec.FundingHours,
            d.Bars.Select(b => b.Time).ToArray(), d.Bars.Select(b => b.Open).ToArray(), d.Bars.Select(b => b.Quote).ToArray(),
            d.Oi.ToArray(), d.Funding.ToArray())).ToList());

        WriteText("forceOrder.jsonl.gz", string.Join('\n', frames.OrderBy(f => f.Time).ThenBy(f => f.Symbol, StringComparer.Ordinal).Select(f => f.Frame)) + "\n");
        // Bybit and OKX liquidations of the same cascade, derived from the frames above without the random generator.
        OtherVenueLiquidations.Write(output, frames.Select(f => f.Frame), Specs.ToDictionary(s => s.Symbol, s => s.QtyDecimals));
        WriteExchangeInfo();
        WriteText("fundingInfo.json.gz",
            "[{\"symbol\":\"1000PEPEUSDT\",\"adjustedFundingRateCap\":\"0.02000000\",\"adjustedFundingRateFloor\":\"-0.02000000\",\"fundingIntervalHours\":4,\"disclaimer\":false}]");
        File.WriteAllText(Path.Combine(output, "scenario.json"),
            "{\n  \"name\": \"October 2025 crash\",\n  \"start\": \"2025-10-05T00:00:00Z\",\n  \"end\": \"2025-10-15T00:00:00Z\",\n"
            + "  \"suggestedStart\": \"2025-10-10T18:00:00Z\",\n  \"cascadeStart\": \"2025-10-10T20:50:00Z\",\n  \"cascadeEnd\": \"2025-10-10T21:40:00Z\",\n"
            + "  \"symbols\": [\"BTCUSDT\", \"ETHUSDT\", \"SOLUSDT\", \"1000PEPEUSDT\"],\n  \"spotSymbols\": [\"BTCUSDT\", \"ETHUSDT\", \"SOLUSDT\", \"PEPEUSDT\"],\n"
            + "  \"klineInterval\": \"5m\",\n  \"statisticsPeriod\": \"5m\",\n  \"seed\": " + Seed + "\n}\n");
    }

    // ---------------------------------------------------------------- prices

    private sealed class BarRow
    {
        public double Open, High, Low, Close, Volume, TakerBuy, Quote;
        public long Trades;
        public DateTimeOffset Time;
        public double Return; // log return close/prev close
    }

    private List<BarRow> ReadBtcBars()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(input, "binance_um_btcusdt_5m_markprice_klines_2025-10-05_to_2025-10-14.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        reader.ReadLine();
        var rows = new List<BarRow>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split(',');
            rows.Add(new BarRow
            {
                Time = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[0], Inv)),
                Open = double.Parse(f[1], Inv), High = double.Parse(f[2], Inv), Low = double.Parse(f[3], Inv), Close = double.Parse(f[4], Inv),
            });
        }
        if (rows.Count != Bars || rows[0].Time != T0)
        {
            throw new InvalidOperationException($"expected {Bars} bars from {T0:O}, got {rows.Count}");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Return = i == 0 ? Math.Log(rows[i].Close / rows[i].Open) : Math.Log(rows[i].Close / rows[i - 1].Close);
        }
        return rows;
    }

    /// <summary>Another symbol from BTC's real 5-minute returns × beta plus seeded idiosyncratic noise, anchored at its level.</summary>
    private List<BarRow> Derive(List<BarRow> btc, SymbolSpec spec)
    {
        var rows = new List<BarRow>(btc.Count);
        var prevClose = spec.Anchor;
        foreach (var b in btc)
        {
            var r = spec.Beta * b.Return + spec.Idio * Gaussian();
            var open = prevClose;
            var close = open * Math.Exp(r);
            // Intrabar excursions scale with beta too.
            var up = Math.Log(b.High / Math.Max(b.Open, b.Close)) * spec.Beta;
            var down = Math.Log(Math.Min(b.Open, b.Close) / b.Low) * spec.Beta;
            var row = new BarRow
            {
                Time = b.Time,
                Open = Round(open, spec.PriceDecimals),
                Close = Round(close, spec.PriceDecimals),
                Return = r,
            };
            row.High = Round(Math.Max(row.Open, row.Close) * Math.Exp(up), spec.PriceDecimals);
            row.Low = Round(Math.Min(row.Open, row.Close) * Math.Exp(-down), spec.PriceDecimals);
            rows.Add(row);
            prevClose = row.Close;
        }
        return rows;
    }

    private void Volumes(List<BarRow> bars, SymbolSpec spec)
    {
        foreach (var b in bars)
        {
            var activity = (0.6 + 0.8 * _rng.NextDouble()) * (1 + 400 * Math.Abs(b.Return));
            b.Volume = Round(spec.BaseVolume * activity, spec.QtyDecimals);
            var buyShare = Math.Clamp(0.5 + 8 * b.Return + 0.03 * Gaussian(), 0.15, 0.85);
            b.TakerBuy = Round(b.Volume * buyShare, spec.QtyDecimals);
            var typical = (b.Open + b.High + b.Low + b.Close) / 4;
            b.Quote = Round(b.Volume * typical, 4);
            b.Trades = Math.Max(1, (long)(b.Volume * spec.TradesPerUnit * (0.8 + 0.4 * _rng.NextDouble())));
        }
    }

    // ---------------------------------------------------------------- shape of the story

    /// <summary>0 at the start, rising linearly to 1 at the cascade (the leverage build-up).</summary>
    private static double BuildUp(DateTimeOffset t) =>
        t >= CascadeStart ? 1 : Math.Clamp((t - T0) / (CascadeStart - T0), 0, 1);

    /// <summary>0 before the cascade, 1 after; in between the share of the cascade's liquidation pressure already released.</summary>
    private static double CascadeProgress(DateTimeOffset t)
    {
        if (t <= CascadeStart) return 0;
        if (t >= CascadeEnd) return 1;
        var x = (t - CascadeStart) / (CascadeEnd - CascadeStart);
        return (x - Math.Sin(2 * Math.PI * x) / (2 * Math.PI)); // integral of sin² bell: slow, steep, slow
    }

    /// <summary>Liquidation pressure bell inside the cascade window, 0..1.</summary>
    private static double CascadeBell(DateTimeOffset t)
    {
        if (t <= CascadeStart || t >= CascadeEnd) return 0;
        var x = (t - CascadeStart) / (CascadeEnd - CascadeStart);
        return Math.Pow(Math.Sin(Math.PI * x), 2);
    }

    /// <summary>Hours since the cascade ended (0 before).</summary>
    private static double HoursAfter(DateTimeOffset t) => t <= CascadeEnd ? 0 : (t - CascadeEnd).TotalHours;

    private List<double> OpenInterest(List<BarRow> bars, List<BarRow> btc, SymbolSpec spec, Dictionary<(string, DateOnly), double> daily)
    {
        // Contract anchors at each day's end: real COIN-M USD OI close / price at that instant × the USDT-M scale.
        // For symbols without a file (SOL, 1000PEPE), BTC's contract anchors give the relative shape around their own
        // start level.
        var anchors = new SortedDictionary<DateTimeOffset, double>();
        var ownFile = spec.OiSource != "BTC" || spec.Symbol == "BTCUSDT";
        for (var d = 0; d <= 10; d++)
        {
            var dayEnd = T0.AddDays(d);
            var date = DateOnly.FromDateTime(dayEnd.AddDays(-1).UtcDateTime);
            var usd = daily[(spec.OiSource, date)];
            anchors[dayEnd] = usd / PriceAt(ownFile ? bars : btc, dayEnd);
        }
        var first = anchors.First().Value;
        var startLevel = OiStartContracts.TryGetValue(spec.Symbol, out var level) ? level : first * spec.OiScale;
        var scale = startLevel / first;

        var result = new List<double>(bars.Count);
        var noise = 0.0;
        foreach (var b in bars)
        {
            var t = b.Time;
            var prev = anchors.Last(a => a.Key <= t);
            var next = anchors.FirstOrDefault(a => a.Key > t);
            var baseline = next.Key == default ? prev.Value
                : prev.Value + (next.Value - prev.Value) * ((t - prev.Key) / (next.Key - prev.Key));
            // Leverage factor: build-up into the crash, a sharp cut during the cascade, partial rebuild over three days.
            // CascadeDrop is the fall from the pre-cascade peak, spread over the cascade like the liquidation pressure.
            var leverage = (1 + spec.BuildUp * BuildUp(t)) * (1 - spec.CascadeDrop * CascadeProgress(t));
            if (t > CascadeEnd)
            {
                var trough = (1 + spec.BuildUp) * (1 - spec.CascadeDrop);
                leverage = trough + (1 - trough) * 0.6 * Math.Min(1, HoursAfter(t) / 72);
            }
            noise = 0.95 * noise + 0.0015 * Gaussian();
            result.Add(baseline * scale * leverage * (1 + noise));
        }
        return result;
    }

    private static double PriceAt(List<BarRow> bars, DateTimeOffset t)
    {
        var i = (int)((t - T0) / Bar);
        return i >= bars.Count ? bars[^1].Close : bars[Math.Max(0, i)].Open;
    }

    /// <summary>Predicted funding per 5-minute sample (fraction per interval).</summary>
    private List<double> PredictedFunding(List<BarRow> bars, SymbolSpec spec, Dictionary<(string, DateOnly), double> daily)
    {
        var result = new List<double>(bars.Count);
        var noise = 0.0;
        var source = spec.OiSource; // BTC file for symbols without their own
        foreach (var b in bars)
        {
            var t = b.Time;
            var date = DateOnly.FromDateTime(t.UtcDateTime);
            var dayRate = daily[(source, date)] / 100 * spec.FundingScale; // percent → fraction
            var level = Math.Max(dayRate, 0.00005) + 0.00012 * spec.FundingScale * BuildUp(t);
            if (t >= CascadeStart)
            {
                // The flush: funding dives toward the floor during the cascade, then decays back (half-life 10 h)
                // to the daily level from the file (which itself is negative on some post-crash days).
                var depth = t <= CascadeEnd ? CascadeProgress(t) : Math.Pow(0.5, HoursAfter(t) / 10);
                level = t <= CascadeEnd
                    ? level + (spec.FundingFloor - level) * depth
                    : dayRate + (spec.FundingFloor - dayRate) * depth;
            }
            noise = 0.9 * noise + 0.000006 * Gaussian();
            var rate = Math.Clamp(level + noise, -0.02, 0.02);
            result.Add(Math.Round(rate, 8));
        }
        return result;
    }

    // ---------------------------------------------------------------- writers (Binance response formats)

    private void WriteKlines(SymbolSpec spec, List<BarRow> bars)
    {
        // BTC's candles are the real mark-price candles: keep all 8 decimals they were published with.
        string P(double v, SymbolSpec s) => s.Symbol == "BTCUSDT" ? F(v, 8) : F(v, s.PriceDecimals);
        var sb = new StringBuilder("[");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var open = b.Time.ToUnixTimeMilliseconds();
            if (i > 0) sb.Append(",\n");
            sb.Append('[').Append(open).Append(",\"").Append(P(b.Open, spec)).Append("\",\"").Append(P(b.High, spec)).Append("\",\"")
              .Append(P(b.Low, spec)).Append("\",\"").Append(P(b.Close, spec)).Append("\",\"").Append(Q(b.Volume, spec)).Append("\",")
              .Append(open + 299_999).Append(",\"").Append(F(b.Quote, 4)).Append("\",").Append(b.Trades).Append(",\"")
              .Append(Q(b.TakerBuy, spec)).Append("\",\"").Append(F(b.TakerBuy * (b.Quote / Math.Max(b.Volume, 1e-12)), 4)).Append("\",\"0\"]");
        }
        sb.Append(']');
        WriteText($"{spec.Symbol}.klines.json.gz", sb.ToString());
    }

    private void WritePremium(SymbolSpec spec, List<BarRow> bars, List<double> funding)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < bars.Count; i++)
        {
            var t = bars[i].Time;
            var mark = bars[i].Open;
            var basis = Math.Clamp((funding[i] - 0.0001) * 2, -0.005, 0.005);
            var index = mark * (1 - basis);
            if (i > 0) sb.Append(",\n");
            sb.Append("{\"symbol\":\"").Append(spec.Symbol).Append("\",\"markPrice\":\"").Append(F(mark, 8))
              .Append("\",\"indexPrice\":\"").Append(F(index, 8)).Append("\",\"estimatedSettlePrice\":\"").Append(F(index, 8))
              .Append("\",\"lastFundingRate\":\"").Append(F(funding[i], 8)).Append("\",\"interestRate\":\"0.00010000\",\"nextFundingTime\":")
              .Append(NextFunding(t, spec.FundingHours).ToUnixTimeMilliseconds()).Append(",\"time\":").Append(t.ToUnixTimeMilliseconds()).Append('}');
        }
        sb.Append(']');
        WriteText($"{spec.Symbol}.premiumIndex.json.gz", sb.ToString());
    }

    private static DateTimeOffset NextFunding(DateTimeOffset t, int hours)
    {
        var step = TimeSpan.FromHours(hours).Ticks;
        return new DateTimeOffset((t.UtcTicks / step + 1) * step, TimeSpan.Zero);
    }

    /// <summary>Settlements on the interval grid; each settles the last predicted sample before it, at the mark then.</summary>
    private void WriteFundingRates(SymbolSpec spec, List<BarRow> bars, List<double> funding)
    {
        var sb = new StringBuilder("[");
        var first = true;
        for (var t = T0.AddHours(spec.FundingHours); t <= T0.AddDays(10); t = t.AddHours(spec.FundingHours))
        {
            var i = (int)((t - T0) / Bar);
            var rate = funding[i - 1];
            if (!first) sb.Append(",\n");
            first = false;
            sb.Append("{\"symbol\":\"").Append(spec.Symbol).Append("\",\"fundingTime\":").Append(t.ToUnixTimeMilliseconds())
              .Append(",\"fundingRate\":\"").Append(F(rate, 8)).Append("\",\"markPrice\":\"").Append(F(PriceAt(bars, t), 8)).Append("\"}");
        }
        sb.Append(']');
        WriteText($"{spec.Symbol}.fundingRate.json.gz", sb.ToString());
    }

    private void WriteOpenInterest(SymbolSpec spec, List<BarRow> bars, List<double> oi)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < bars.Count; i++)
        {
            var contracts = Round(oi[i], spec.QtyDecimals);
            if (i > 0) sb.Append(",\n");
            sb.Append("{\"symbol\":\"").Append(spec.Symbol).Append("\",\"sumOpenInterest\":\"").Append(F(contracts, 8))
              .Append("\",\"sumOpenInterestValue\":\"").Append(F(contracts * bars[i].Open, 8)).Append("\",\"CMCCirculatingSupply\":\"0\",\"timestamp\":")
              .Append(bars[i].Time.ToUnixTimeMilliseconds()).Append('}');
        }
        sb.Append(']');
        WriteText($"{spec.Symbol}.openInterestHist.json.gz", sb.ToString());
    }

    private void WriteRatios(SymbolSpec spec, List<BarRow> bars)
    {
        // Long shares: (start level, build-up gain, cascade cut, dip-buying after the crash).
        (string File, double Start, double Gain, double Cut, double DipBuy)[] kinds =
        [
            ("globalLongShortAccountRatio", 0.62, 0.07, 0.06, 0.10),
            ("topLongShortAccountRatio", 0.58, 0.05, 0.07, 0.05),
            ("topLongShortPositionRatio", 0.54, 0.09, 0.13, 0.02),
        ];
        foreach (var k in kinds)
        {
            var sb = new StringBuilder("[");
            var noise = 0.0;
            for (var i = 0; i < bars.Count; i++)
            {
                var t = bars[i].Time;
                var share = k.Start + k.Gain * BuildUp(t) - (k.Gain + k.Cut) * CascadeProgress(t);
                if (t > CascadeEnd)
                {
                    // Dip buyers pile in within hours, then the crowd slowly normalises over three days.
                    var h = HoursAfter(t);
                    share = k.Start - k.Cut + k.DipBuy * Math.Min(1, h / 6) * Math.Exp(-h / 72) + k.Cut * Math.Min(1, h / 72);
                }
                noise = 0.9 * noise + 0.002 * Gaussian();
                var longShare = Math.Round(Math.Clamp(share + noise, 0.2, 0.85), 4);
                var shortShare = Math.Round(1 - longShare, 4);
                if (i > 0) sb.Append(",\n");
                sb.Append("{\"symbol\":\"").Append(spec.Symbol).Append("\",\"longShortRatio\":\"").Append(F(Math.Round(longShare / shortShare, 4), 4))
                  .Append("\",\"longAccount\":\"").Append(F(longShare, 4)).Append("\",\"shortAccount\":\"").Append(F(shortShare, 4))
                  .Append("\",\"timestamp\":").Append(t.ToUnixTimeMilliseconds()).Append('}');
            }
            sb.Append(']');
            WriteText($"{spec.Symbol}.{k.File}.json.gz", sb.ToString());
        }
    }

    /// <summary>Row at t = taker volumes of the 5-minute kline that ended at t (so it matches the klines exactly).</summary>
    private void WriteTaker(SymbolSpec spec, List<BarRow> bars)
    {
        var sb = new StringBuilder("[");
        for (var i = 1; i <= bars.Count; i++)
        {
            var b = bars[i - 1];
            var sell = Round(b.Volume - b.TakerBuy, spec.QtyDecimals);
            var ratio = sell <= 0 ? 0 : Math.Round(b.TakerBuy / sell, 4);
            if (i > 1) sb.Append(",\n");
            sb.Append("{\"buySellRatio\":\"").Append(F(ratio, 4)).Append("\",\"buyVol\":\"").Append(Q(b.TakerBuy, spec))
              .Append("\",\"sellVol\":\"").Append(Q(sell, spec)).Append("\",\"timestamp\":").Append(b.Time.Add(Bar).ToUnixTimeMilliseconds()).Append('}');
        }
        sb.Append(']');
        WriteText($"{spec.Symbol}.takerlongshortRatio.json.gz", sb.ToString());
    }

    /// <summary>
    /// forceOrder frames as the all-market stream sends them: at most one per symbol per second. Intensity rises with
    /// the bar's move against the side (longs on down bars) and with the cascade bell.
    /// </summary>
    private IEnumerable<(long, string, string)> Liquidations(SymbolSpec spec, List<BarRow> bars)
    {
        var result = new List<(long, string, string)>();
        foreach (var b in bars)
        {
            var down = Math.Max(0, -b.Return / spec.Beta);
            var up = Math.Max(0, b.Return / spec.Beta);
            for (var s = 0; s < 300; s++)
            {
                var t = b.Time.AddSeconds(s);
                var bell = CascadeBell(t);
                var lambdaLong = 0.0004 * Math.Exp(Math.Min(6, 250 * down)) + 0.6 * bell;
                var lambdaShort = 0.0004 * Math.Exp(Math.Min(6, 250 * up)) + 0.01 * bell;
                var total = Math.Min(0.95, lambdaLong + lambdaShort);
                if (_rng.NextDouble() >= total)
                {
                    continue;
                }
                var isLong = _rng.NextDouble() < lambdaLong / (lambdaLong + lambdaShort);
                var price = PathPrice(b, s / 300.0);
                var median = bell > 0.05 ? spec.CascadeLiqMedianUsd : spec.LiqMedianUsd;
                var notional = median * Math.Exp(1.2 * Gaussian());
                var step = Math.Pow(10, -spec.QtyDecimals);
                var qty = Math.Max(step, Round(notional / price, spec.QtyDecimals));
                var avg = Round(price, spec.PriceDecimals);
                var orderPrice = Round(isLong ? avg * (1 - 0.002 - 0.006 * _rng.NextDouble()) : avg * (1 + 0.002 + 0.006 * _rng.NextDouble()), spec.PriceDecimals);
                var ms = t.ToUnixTimeMilliseconds() + _rng.Next(0, 1000);
                var frame = "{\"stream\":\"!forceOrder@arr\",\"data\":{\"e\":\"forceOrder\",\"E\":" + (ms + 7).ToString(Inv)
                    + ",\"o\":{\"s\":\"" + spec.Symbol + "\",\"S\":\"" + (isLong ? "SELL" : "BUY") + "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\""
                    + Q(qty, spec) + "\",\"p\":\"" + P(orderPrice, spec) + "\",\"ap\":\"" + P(avg, spec) + "\",\"X\":\"FILLED\",\"l\":\""
                    + Q(qty, spec) + "\",\"z\":\"" + Q(qty, spec) + "\",\"T\":" + ms.ToString(Inv) + "}}}";
                result.Add((ms, spec.Symbol, frame));
            }
        }
        return result;
    }

    /// <summary>Price within a bar along open → extreme → other extreme → close (down bars visit the high first).</summary>
    private static double PathPrice(BarRow b, double x)
    {
        var first = b.Close < b.Open ? b.High : b.Low;
        var second = b.Close < b.Open ? b.Low : b.High;
        double[] points = [b.Open, first, second, b.Close];
        var pos = x * 3;
        var i = Math.Min(2, (int)pos);
        return points[i] + (points[i + 1] - points[i]) * (pos - i);
    }

    private void WriteExchangeInfo()
    {
        var sb = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":1760486400000,\"futuresType\":\"U_MARGINED\",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400},{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1200}],\"exchangeFilters\":[],\"assets\":[{\"asset\":\"USDT\",\"marginAvailable\":true,\"autoAssetExchange\":\"-10000\"}],\"symbols\":[");
        for (var i = 0; i < Specs.Length; i++)
        {
            var s = Specs[i];
            if (i > 0) sb.Append(',');
            sb.Append("{\"symbol\":\"").Append(s.Symbol).Append("\",\"pair\":\"").Append(s.Symbol)
              .Append("\",\"contractType\":\"PERPETUAL\",\"deliveryDate\":4133404800000,\"onboardDate\":1569398400000,\"status\":\"TRADING\",\"maintMarginPercent\":\"")
              .Append(s.MaintMargin).Append("\",\"requiredMarginPercent\":\"5.0000\",\"baseAsset\":\"").Append(s.BaseAsset)
              .Append("\",\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\",\"pricePrecision\":").Append(s.PriceDecimals)
              .Append(",\"quantityPrecision\":").Append(s.QtyDecimals).Append(",\"baseAssetPrecision\":8,\"quotePrecision\":8,\"underlyingType\":\"COIN\",\"underlyingSubType\":[],\"settlePlan\":0,\"triggerProtect\":\"0.0500\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"")
              .Append(s.TickSize).Append("\"},{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"").Append(s.StepSize)
              .Append("\"}],\"orderTypes\":[\"LIMIT\",\"MARKET\"],\"timeInForce\":[\"GTC\",\"IOC\"],\"liquidationFee\":\"0.012500\",\"marketTakeBound\":\"0.05\"}");
        }
        sb.Append("]}");
        WriteText("exchangeInfo.json.gz", sb.ToString());
    }

    // ---------------------------------------------------------------- helpers

    private static Dictionary<(string, DateOnly), double> ReadDaily(string path, int closeColumn)
    {
        var map = new Dictionary<(string, DateOnly), double>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            map[(f[2], DateOnly.ParseExact(f[4], "yyyy-MM-dd", Inv))] = double.Parse(f[closeColumn], Inv);
        }
        return map;
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _rng.NextDouble();
        var u2 = _rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double Round(double v, int decimals) => (double)Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero);

    private static string F(double v, int decimals) => Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, Inv);

    private static string P(double v, SymbolSpec s) => F(v, s.PriceDecimals);

    private static string Q(double v, SymbolSpec s) => F(v, s.QtyDecimals);

    private void WriteText(string name, string text)
    {
        var path = Path.Combine(output, name);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
            gz.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }
}

/// <summary>One Binance symbol as generated above: per 5-minute bar its time, mark (at the bar's open), quote volume,
/// open interest (contracts) and predicted funding (per the symbol's interval).</summary>
internal sealed record BinanceSeries(
    string Symbol, string BaseAsset, int FundingHours, DateTimeOffset[] Times, double[] Mark, double[] Quote, double[] Oi, double[] Funding);

/// <summary>
/// Bybit, OKX, Hyperliquid and Gate for the same days, derived from the Binance series (see docs/replay-scenario.md):
/// each venue's open interest is a fixed share of Binance's with a slow drift and AR(1) noise, its funding a scaled and
/// offset copy of Binance's 8-hour-equivalent rate with its own noise, converted to the venue's own interval, its mark
/// a small basis off Binance's, its 24 h volume a share of Binance's. Written in each venue's own units (OKX and Gate
/// contracts, 1000PEPE / kPEPE price units) so the replay adapters convert exactly as live ones do.
/// </summary>
internal sealed class OtherVenues(string output)
{
    private const int Seed = 20251010;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset CascadeStart = new(2025, 10, 10, 20, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CascadeEnd = new(2025, 10, 10, 21, 40, 0, TimeSpan.Zero);

    /// <summary>A venue: OI share of Binance per asset, volume share, funding scale/offset (per 8 h), basis, history.</summary>
    private sealed record VenueSpec(
        string Name, bool HasHistory, Dictionary<string, double> OiShare, double VolumeShare, double FundingScale,
        double FundingOffset8h, double FundingNoise8h, double BasisBp, double CascadeExtraDrop, double DriftPhase);

    private static readonly VenueSpec[] Venues =
    [
        new("bybit", true, new() { ["BTC"] = 0.62, ["ETH"] = 0.55, ["SOL"] = 0.50, ["PEPE"] = 0.70 }, 0.45, 0.92, -0.000015, 0.000004, 0.4, 0.02, 0.0),
        new("okx", true, new() { ["BTC"] = 0.45, ["ETH"] = 0.50, ["SOL"] = 0.35, ["PEPE"] = 0.40 }, 0.35, 0.85, -0.000030, 0.000005, -0.4, 0.00, 1.3),
        new("hyperliquid", false, new() { ["BTC"] = 0.55, ["ETH"] = 0.60, ["SOL"] = 0.70, ["PEPE"] = 0.50 }, 0.30, 1.25, 0.000050, 0.000008, 1.0, 0.06, 2.6),
        new("gate", false, new() { ["BTC"] = 0.28, ["ETH"] = 0.30, ["SOL"] = 0.25, ["PEPE"] = 0.45 }, 0.18, 1.10, 0.000010, 0.000006, 0.0, 0.03, 3.9),
    ];

    /// <summary>The venue's listing of a Binance symbol: name, interval, coins per contract, coins per price unit.</summary>
    private static (string Instrument, int IntervalHours, double CoinsPerContract, double CoinsPerPriceUnit) Listing(string venue, BinanceSeries s)
    {
        var pepe = s.BaseAsset == "1000PEPE";
        var coin = pepe ? "PEPE" : s.BaseAsset;
        return venue switch
        {
            // Bybit lists 1000PEPEUSDT like Binance: contracts are units of 1000 PEPE, priced per 1000.
            "bybit" => (s.Symbol, s.FundingHours, pepe ? 1000 : 1, pepe ? 1000 : 1),
            // OKX counts contracts of ctVal coins: BTC 0.01, ETH 0.1, SOL 1, PEPE 10,000,000.
            "okx" => ($"{coin}-USDT-SWAP", 8, coin switch { "BTC" => 0.01, "ETH" => 0.1, "SOL" => 1, _ => 10_000_000 }, 1),
            // Hyperliquid funds hourly; kPEPE is 1000 PEPE (size and price), OI in listing units.
            "hyperliquid" => (pepe ? "kPEPE" : coin, 1, pepe ? 1000 : 1, pepe ? 1000 : 1),
            // Gate counts contracts of quanto_multiplier coins: BTC 0.0001, ETH 0.01, SOL 1, PEPE 10,000,000.
            _ => ($"{coin}_USDT", s.FundingHours, coin switch { "BTC" => 0.0001, "ETH" => 0.01, "SOL" => 1, _ => 10_000_000 }, 1),
        };
    }

    public void Write(IReadOnlyList<BinanceSeries> series)
    {
        for (var v = 0; v < Venues.Length; v++)
        {
            var venue = Venues[v];
            var sb = new StringBuilder();
            sb.Append("{\"venue\":\"").Append(venue.Name).Append("\",\"hasHistory\":").Append(venue.HasHistory ? "true" : "false").Append(",\"listings\":[");
            for (var k = 0; k < series.Count; k++)
            {
                var s = series[k];
                var rng = new Random(Seed + (101 * (v + 1)) + k);
                var (instrument, hours, perContract, perPrice) = Listing(venue.Name, s);
                var asset = s.BaseAsset == "1000PEPE" ? "PEPE" : s.BaseAsset;
                var binanceCoins = s.BaseAsset == "1000PEPE" ? 1000.0 : 1.0;
                if (k > 0) sb.Append(',');
                sb.Append("{\"asset\":\"").Append(asset).Append("\",\"instrument\":\"").Append(instrument)
                  .Append("\",\"fundingIntervalHours\":").Append(hours.ToString(Inv))
                  .Append(",\"coinsPerContract\":\"").Append(Num(perContract)).Append("\",\"coinsPerPriceUnit\":\"").Append(Num(perPrice))
                  .Append("\",\"rows\":[");
                double oiNoise = 0, fundNoise = 0;
                for (var i = 0; i < s.Times.Length; i++)
                {
                    var t = s.Times[i];
                    var days = (t - s.Times[0]).TotalDays;
                    oiNoise = (0.98 * oiNoise) + (0.002 * Gaussian(rng));
                    fundNoise = (0.9 * fundNoise) + (venue.FundingNoise8h * Gaussian(rng));
                    var drift = 1 + (0.05 * Math.Sin((2 * Math.PI * days / 3.3) + venue.DriftPhase));
                    // Venues with more retail leverage lose more OI in the flush, and rebuild with Binance afterwards.
                    var flush = 1 - (venue.CascadeExtraDrop * CascadeProgress(t) * Math.Pow(0.5, HoursAfter(t) / 24));
                    var coins = s.Oi[i] * binanceCoins * venue.OiShare[asset] * drift * flush * (1 + oiNoise);
                    var markPerCoin = s.Mark[i] / binanceCoins * (1 + (venue.BasisBp / 10_000) + (0.00005 * Gaussian(rng)));
                    var binance8h = s.Funding[i] * 8 / s.FundingHours;
                    var rate8h = (binance8h * venue.FundingScale) + venue.FundingOffset8h + fundNoise;
                    var rate = Math.Clamp(rate8h * hours / 8, -0.03, 0.03);
                    var volume = Volume24h(s, i) * venue.VolumeShare * (1 + (0.1 * Math.Sin((2 * Math.PI * days / 2.1) + venue.DriftPhase)));
                    if (i > 0) sb.Append(',');
                    sb.Append('[').Append(t.ToUnixTimeSeconds().ToString(Inv)).Append(",\"")
                      .Append(Sig(markPerCoin * perPrice, 7)).Append("\",\"").Append(rate.ToString("0.########", Inv)).Append("\",\"")
                      .Append(Math.Round(coins / perContract, 0).ToString("0", Inv)).Append("\",\"").Append(Math.Round(volume, 0).ToString("0", Inv)).Append("\"]");
                }
                sb.Append("]}");
            }
            sb.Append("]}");
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            using var file = File.Create(Path.Combine(output, $"venue.{venue.Name}.json.gz"));
            using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
            gz.Write(bytes);
        }
    }

    /// <summary>Binance's quote volume over the 288 bars (24 h) ending at bar <paramref name="i"/>.</summary>
    private static double Volume24h(BinanceSeries s, int i)
    {
        var sum = 0.0;
        for (var j = Math.Max(0, i - 287); j <= i; j++)
        {
            sum += s.Quote[j];
        }
        // Before a full day exists, scale the partial day up so the first rows are not tiny.
        return sum * 288 / Math.Min(288, i + 1);
    }

    private static double CascadeProgress(DateTimeOffset t)
    {
        if (t <= CascadeStart) return 0;
        if (t >= CascadeEnd) return 1;
        var x = (t - CascadeStart) / (CascadeEnd - CascadeStart);
        return x - (Math.Sin(2 * Math.PI * x) / (2 * Math.PI));
    }

    private static double HoursAfter(DateTimeOffset t) => t <= CascadeEnd ? 0 : (t - CascadeEnd).TotalHours;

    private static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static string Num(double v) => ((decimal)v).ToString(Inv);

    /// <summary><paramref name="digits"/> significant digits, no exponent.</summary>
    private static string Sig(double v, int digits)
    {
        var decimals = Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 12);
        return Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', Math.Max(1, decimals)), Inv);
    }
}
