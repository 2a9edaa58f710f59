using DerivBot.Core.Charts;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Charts.Tests;

/// <summary>Deterministic chart inputs with known features (a big long cluster, a smaller short cluster).</summary>
internal static class Synthetic
{
    public static readonly DateTimeOffset Start = new(2025, 10, 9, 0, 0, 0, TimeSpan.Zero);
    public const int Columns = 96;          // 24 h of 15-minute columns
    public const int Buckets = 120;         // 57,000 … 63,000 in 50-dollar buckets
    public const decimal PriceMin = 57_000m;
    public const decimal BucketSize = 50m;
    public const int LongBucket = 30;       // 58,525: longs liquidated if price falls there
    public const int ShortBucket = 95;      // 61,775: shorts liquidated if price rises there
    public const int ClusterFromColumn = 40;
    public const decimal LongPeak = 250_000_000m;
    public const decimal ShortPeak = 120_000_000m;

    public static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    public static Dictionary<string, string> EnglishLabels() => new()
    {
        [ChartLabels.Mark] = "Mark",
        [ChartLabels.LongCluster] = "Longs liq.",
        [ChartLabels.ShortCluster] = "Shorts liq.",
        [ChartLabels.ColorBar] = "Est. liquidation notional (USD)",
        [ChartLabels.Price] = "Price",
        [ChartLabels.OpenInterest] = "Open interest (USD)",
        [ChartLabels.Funding] = "Funding rate",
        [ChartLabels.NoData] = "No data",
        [ChartLabels.Swept] = "swept · realised",
        [nameof(QuadrantState.Neutral)] = "Neutral",
        [nameof(QuadrantState.LongCrowding)] = "Long crowding",
        [nameof(QuadrantState.ShortCrowding)] = "Short crowding",
        [nameof(QuadrantState.Churn)] = "Churn",
        [nameof(QuadrantState.Deleveraging)] = "Deleveraging",
    };

    public static Dictionary<string, string> TraditionalChineseLabels() => new()
    {
        [ChartLabels.Mark] = "標記價格",
        [ChartLabels.LongCluster] = "多單清算",
        [ChartLabels.ShortCluster] = "空單清算",
        [ChartLabels.ColorBar] = "預估清算金額（美元）",
        [ChartLabels.Price] = "價格",
        [ChartLabels.OpenInterest] = "未平倉量",
        [ChartLabels.Funding] = "資金費率",
        [ChartLabels.NoData] = "無資料",
        [ChartLabels.TenThousand] = "萬",
        [ChartLabels.HundredMillion] = "億",
        [nameof(QuadrantState.Neutral)] = "中性",
        [nameof(QuadrantState.LongCrowding)] = "多頭擁擠",
        [nameof(QuadrantState.ShortCrowding)] = "空頭擁擠",
        [nameof(QuadrantState.Churn)] = "換手",
        [nameof(QuadrantState.Deleveraging)] = "去槓桿",
    };

    public static LiquidationLevelGrid Grid()
    {
        var times = Enumerable.Range(0, Columns).Select(i => Start.AddMinutes(15 * i)).ToArray();
        var longs = new decimal[Columns * Buckets];
        var shorts = new decimal[Columns * Buckets];
        for (var t = 0; t < Columns; t++)
        {
            for (var b = 0; b < Buckets; b++)
            {
                // A thin floor of small levels near the price (buckets 40–79), far below the clusters; the rest is empty.
                longs[(t * Buckets) + b] = b is >= 40 and < 60 ? 1_000_000m + (b * 10_000m) : 0m;
                shorts[(t * Buckets) + b] = b is >= 60 and < 80 ? 800_000m : 0m;
            }
            if (t >= ClusterFromColumn)
            {
                // Clusters three buckets tall, growing as positions build up.
                var growth = (decimal)(t - ClusterFromColumn + 1) / (Columns - ClusterFromColumn);
                for (var d = -1; d <= 1; d++)
                {
                    var weight = d == 0 ? 1m : 0.5m;
                    longs[(t * Buckets) + LongBucket + d] = LongPeak * growth * weight;
                    shorts[(t * Buckets) + ShortBucket + d] = ShortPeak * growth * weight;
                }
            }
        }
        return new LiquidationLevelGrid(times, PriceMin, BucketSize, Buckets, longs, shorts);
    }

    public static IReadOnlyList<PricePoint> PriceLine() =>
        Enumerable.Range(0, (Columns * 3) + 1)
            .Select(i => new PricePoint(Start.AddMinutes(5 * i), 60_000m + (decimal)Math.Round(600 * Math.Sin(i / 40.0), 1)))
            .ToArray();

    public static HeatmapChartSpec Heatmap(ChartText? text = null, int width = 1280, int height = 720)
    {
        var price = PriceLine();
        var mark = price[^1].Price;
        var clusters = new[]
        {
            new LiquidationCluster(PositionSide.Long, Grid().PriceOf(LongBucket), LongPeak, (Grid().PriceOf(LongBucket) - mark) / mark),
            new LiquidationCluster(PositionSide.Short, Grid().PriceOf(ShortBucket), ShortPeak, (Grid().PriceOf(ShortBucket) - mark) / mark),
            new LiquidationCluster(PositionSide.Long, 59_000m, 10_000_000m, (59_000m - mark) / mark),
        };
        return new HeatmapChartSpec(
            text ?? new ChartText("BTCUSDT liquidation heatmap", "Binance USDⓈ-M · estimated levels", EnglishLabels()),
            Grid(), price, mark, clusters, Taipei, width, height);
    }

    public static HistoryChartSpec History(ChartText? text = null, int width = 1280, int height = 720)
    {
        var days = 7;
        var price = Enumerable.Range(0, (days * 24) + 1)
            .Select(i => new PricePoint(Start.AddHours(i), 60_000m + (decimal)Math.Round(2_500 * Math.Sin(i / 30.0), 1)))
            .ToArray();
        var oi = Enumerable.Range(0, (days * 24) + 1)
            .Select(i => new OpenInterestPoint(Start.AddHours(i), 80_000m + (i * 50m), (80_000m + (i * 50m)) * 60_000m))
            .ToArray();
        var funding = Enumerable.Range(0, (days * 3) + 1)
            .Select(i => new FundingRatePoint(Start.AddHours(8 * i), i < 12 ? 0.0001m + (i * 0.00002m) : -0.00005m * (i - 11), null))
            .ToArray();
        var quadrants = new[]
        {
            new QuadrantSpan(Start, Start.AddDays(2), QuadrantState.Neutral),
            new QuadrantSpan(Start.AddDays(2), Start.AddDays(4), QuadrantState.LongCrowding),
            new QuadrantSpan(Start.AddDays(4), Start.AddDays(5), QuadrantState.Deleveraging),
            new QuadrantSpan(Start.AddDays(5), Start.AddDays(6), QuadrantState.Churn),
            new QuadrantSpan(Start.AddDays(6), Start.AddDays(7), QuadrantState.ShortCrowding),
        };
        return new HistoryChartSpec(
            text ?? new ChartText("BTCUSDT · 7d history", "Binance USDⓈ-M · price, open interest, funding", EnglishLabels()),
            price, oi, funding, quadrants, Taipei, width, height);
    }
}
