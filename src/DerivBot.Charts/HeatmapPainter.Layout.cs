using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Charts;

/// <summary>The heatmap's layout: where the plot, the price axis and the colour bar go, and how high the colour scale tops out.</summary>
internal static partial class HeatmapPainter
{
    /// <summary>Where everything goes, from the spec and the image size alone (tests map prices and times to pixels with it).</summary>
    internal static HeatmapGeometry? Geometry(HeatmapChartSpec spec, int width, int height)
    {
        var grid = spec.Grid;
        var columns = grid.Times.Count;
        var s = ChartFrame.ScaleFor(width, height);

        // Horizontal extent: the grid's columns (each as wide as the column spacing) and the price line.
        var columnWidth = columns > 1 ? (grid.Times[^1] - grid.Times[0]) / (columns - 1) : TimeSpan.Zero;
        DateTimeOffset? start = null, end = null;
        if (columns > 0)
        {
            if (columnWidth <= TimeSpan.Zero)
            {
                columnWidth = spec.PriceLine.Count > 1 ? spec.PriceLine[^1].Time - spec.PriceLine[0].Time : TimeSpan.FromHours(1);
                columnWidth = columnWidth > TimeSpan.Zero ? columnWidth : TimeSpan.FromHours(1);
            }
            start = grid.Times[0];
            end = grid.Times[^1] + columnWidth;
        }
        foreach (var p in spec.PriceLine)
        {
            start = start is null || p.Time < start ? p.Time : start;
            end = end is null || p.Time > end ? p.Time : end;
        }
        if (start is null || end is null || end <= start || (columns == 0 && spec.PriceLine.Count < 2))
        {
            return null;
        }

        // Vertical extent: the grid's price range, widened to keep the price line and the mark on the chart.
        var lo = (double)grid.PriceMin;
        var hi = (double)(grid.PriceMin + (grid.BucketCount * grid.BucketSize));
        if (columns == 0 || grid.BucketCount == 0)
        {
            lo = double.MaxValue;
            hi = double.MinValue;
        }
        foreach (var p in spec.PriceLine)
        {
            lo = Math.Min(lo, (double)p.Price);
            hi = Math.Max(hi, (double)p.Price);
        }
        var mark = (double)spec.MarkPrice;
        if (mark > 0)
        {
            lo = Math.Min(lo, mark);
            hi = Math.Max(hi, mark);
        }
        if (!(hi > lo))
        {
            var mid = lo > 0 && lo < double.MaxValue ? lo : 1;
            lo = mid * 0.99;
            hi = mid * 1.01;
        }
        var padding = (hi - lo) * 0.02;
        lo -= padding;
        hi += padding;

        // Right-hand columns: price labels, then the colour bar with its labels; the bar's caption sits above it,
        // horizontally (rotated Chinese would be drawn sideways), in up to three wrapped lines.
        var barLabelW = 78 * s;
        var barW = 16 * s;
        var priceAxisW = 92 * s;
        var pad = 16 * s;
        var plotLeft = pad;
        var plotRight = width - pad - barLabelW - barW - priceAxisW;
        var plotTop = ChartFrame.HeaderBottom(s) + (6 * s);
        var plotBottom = height - pad - (22 * s);
        var barTop = plotTop + CaptionHeight(s);
        return new HeatmapGeometry(
            start.Value, end.Value, columnWidth, lo, hi, plotLeft, plotTop, plotRight, plotBottom, priceAxisW, barW, barTop,
            Scale.Time(start.Value, end.Value, plotLeft, plotRight), new Scale(lo, hi, plotBottom, plotTop));
    }

    /// <summary>
    /// The top of the colour scale. Estimated levels are heavy-tailed: scaling to the single largest cell would leave
    /// everything else dark, so with enough cells the scale tops out at the 99.5th percentile (the bar says "≥").
    /// </summary>
    internal static (double ScaleMax, double TrueMax) ColourScale(LiquidationLevelGrid grid)
    {
        var n = Math.Min(grid.LongNotional.Length, grid.ShortNotional.Length);
        // Pooled: a day of 5-minute columns × 200 buckets is 460 KB of doubles per render otherwise.
        var positive = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, n));
        try
        {
            var count = 0;
            var max = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = (double)(grid.LongNotional[i] + grid.ShortNotional[i]);
                if (v > 0)
                {
                    positive[count++] = v;
                    max = Math.Max(max, v);
                }
            }
            if (count < PercentileMinCells)
            {
                return (max, max);
            }
            var span = positive.AsSpan(0, count);
            span.Sort();
            var p = span[Math.Min(count - 1, (int)Math.Ceiling(count * 0.995) - 1)];
            return (p > 0 ? p : max, max);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(positive);
        }
    }
}
