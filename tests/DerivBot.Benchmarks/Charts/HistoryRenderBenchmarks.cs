using BenchmarkDotNet.Attributes;
using DerivBot.Charts;
using DerivBot.Core.Charts;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Benchmarks.Charts;

/// <summary>
/// A 1280×720 history chart (PNG included) over 30 days: hourly price and open interest (721 points each), funding every
/// 8 hours (91 bars) and five quadrant phases — the largest window <c>/chart</c> draws.
/// </summary>
[MemoryDiagnoser]
public class HistoryRenderBenchmarks
{
    private SkiaChartRenderer _renderer = null!;
    private HistoryChartSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new SkiaChartRenderer(new ChartsOptions());
        if (!_renderer.IsAvailable)
        {
            throw new InvalidOperationException(_renderer.UnavailableReason);
        }
        _spec = BuildSpec();
    }

    [Benchmark]
    public int History1280x720() => _renderer.RenderHistory(_spec, CancellationToken.None).Png.Length;

    internal static HistoryChartSpec BuildSpec()
    {
        const int Days = 30;
        var start = new DateTimeOffset(2025, 10, 9, 0, 0, 0, TimeSpan.Zero);
        var price = Enumerable.Range(0, (Days * 24) + 1)
            .Select(i => new PricePoint(start.AddHours(i), 60_000m + (decimal)Math.Round(2_500 * Math.Sin(i / 30.0), 1)))
            .ToArray();
        var oi = Enumerable.Range(0, (Days * 24) + 1)
            .Select(i => new OpenInterestPoint(start.AddHours(i), 80_000m + (i * 50m), (80_000m + (i * 50m)) * 60_000m))
            .ToArray();
        var funding = Enumerable.Range(0, (Days * 3) + 1)
            .Select(i => new FundingRatePoint(start.AddHours(8 * i), (decimal)Math.Round(0.0001 * Math.Sin(i / 7.0), 6), null))
            .ToArray();
        var states = new[] { QuadrantState.Neutral, QuadrantState.LongCrowding, QuadrantState.Deleveraging, QuadrantState.Churn, QuadrantState.ShortCrowding };
        var quadrants = Enumerable.Range(0, 5)
            .Select(i => new QuadrantSpan(start.AddDays(i * 6), start.AddDays((i + 1) * 6), states[i]))
            .ToArray();
        var labels = new Dictionary<string, string>
        {
            [ChartLabels.Price] = "價格", [ChartLabels.OpenInterest] = "未平倉量", [ChartLabels.Funding] = "資金費率",
            [ChartLabels.TenThousand] = "萬", [ChartLabels.HundredMillion] = "億",
            [nameof(QuadrantState.Neutral)] = "中性", [nameof(QuadrantState.LongCrowding)] = "多頭擁擠",
            [nameof(QuadrantState.ShortCrowding)] = "空頭擁擠", [nameof(QuadrantState.Churn)] = "換手",
            [nameof(QuadrantState.Deleveraging)] = "去槓桿",
        };
        return new HistoryChartSpec(new ChartText("比特幣 BTCUSDT · 30 日走勢", "幣安 U 本位 · 價格、未平倉量、資金費率", labels), price, oi, funding,
            quadrants, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"));
    }
}
