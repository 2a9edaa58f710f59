using BenchmarkDotNet.Attributes;
using DerivBot.Charts;
using DerivBot.Core.Charts;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Benchmarks.Charts;

/// <summary>
/// A 1280×720 liquidation heatmap from a realistic grid (288 five-minute columns × 200 buckets), alone and ten at once.
/// Native memory is not seen by [MemoryDiagnoser]: the main bitmap is 1280·720·4 B = 3.5 MiB, its RGBX copy for the
/// encoder the same again, the cell image 288·200·4 B = 225 KiB (plus the same pooled on the managed side), zlib's
/// deflate state a few hundred KiB — about 8 MiB per render in flight. The setup prints the process's resident-set growth over ten concurrent renders.
/// </summary>
[MemoryDiagnoser]
public class HeatmapRenderBenchmarks
{
    private SkiaChartRenderer _renderer = null!;
    private HeatmapChartSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new SkiaChartRenderer(new ChartsOptions());
        if (!_renderer.IsAvailable)
        {
            throw new InvalidOperationException(_renderer.UnavailableReason);
        }
        _spec = BuildSpec();
        var before = ResidentMiB();
        _renderer.RenderHeatmap(_spec, CancellationToken.None);
        var afterOne = ResidentMiB();
        TenConcurrentHeatmaps();
        var afterTen = ResidentMiB();
        Console.WriteLine($"// RSS: {before:F1} MiB at start, +{afterOne - before:F1} MiB after the first render (fonts, caches), "
            + $"+{afterTen - afterOne:F1} MiB more after ten concurrent renders");
    }

    private static double ResidentMiB()
    {
        GC.Collect();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.WorkingSet64 / (1024.0 * 1024.0);
    }

    [Benchmark(Baseline = true)]
    public int Heatmap1280x720() => _renderer.RenderHeatmap(_spec, CancellationToken.None).Png.Length;

    [Benchmark]
    public int TenConcurrentHeatmaps()
    {
        var tasks = new Task<int>[10];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(() => _renderer.RenderHeatmap(_spec, CancellationToken.None).Png.Length);
        }
        Task.WaitAll(tasks);
        return tasks.Sum(t => t.Result);
    }

    internal static HeatmapChartSpec BuildSpec()
    {
        const int Columns = 288;
        const int Buckets = 200;
        var start = new DateTimeOffset(2025, 10, 9, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, Columns).Select(i => start.AddMinutes(5 * i)).ToArray();
        var longs = new decimal[Columns * Buckets];
        var shorts = new decimal[Columns * Buckets];
        var random = new Random(42);
        for (var t = 0; t < Columns; t++)
        {
            for (var b = 0; b < Buckets; b++)
            {
                // Levels thin out with distance from the middle, with a few dense bands (leverage tiers).
                var distance = Math.Abs(b - (Buckets / 2)) / (double)Buckets;
                var band = b % 23 == 0 ? 8.0 : 1.0;
                var v = (decimal)(random.NextDouble() * 2_000_000 * band * Math.Exp(-6 * distance));
                if (b < Buckets / 2)
                {
                    longs[(t * Buckets) + b] = v;
                }
                else
                {
                    shorts[(t * Buckets) + b] = v;
                }
            }
        }
        var grid = new LiquidationLevelGrid(times, 55_000m, 50m, Buckets, longs, shorts);
        var price = Enumerable.Range(0, Columns * 5)
            .Select(i => new PricePoint(start.AddMinutes(i), 60_000m + (decimal)Math.Round(1_500 * Math.Sin(i / 200.0), 1)))
            .ToArray();
        var mark = price[^1].Price;
        var clusters = new[]
        {
            new LiquidationCluster(PositionSide.Long, 58_475m, 90_000_000m, (58_475m - mark) / mark),
            new LiquidationCluster(PositionSide.Short, 61_625m, 70_000_000m, (61_625m - mark) / mark),
        };
        var labels = new Dictionary<string, string>
        {
            [ChartLabels.Mark] = "標記價格", [ChartLabels.LongCluster] = "多單清算", [ChartLabels.ShortCluster] = "空單清算",
            [ChartLabels.ColorBar] = "預估清算金額（美元）", [ChartLabels.TenThousand] = "萬", [ChartLabels.HundredMillion] = "億",
        };
        return new HeatmapChartSpec(new ChartText("比特幣 BTCUSDT 清算熱力圖", "幣安 U 本位 · 預估", labels), grid, price, mark, clusters,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"));
    }
}
