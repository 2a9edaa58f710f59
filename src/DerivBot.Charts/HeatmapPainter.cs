using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Charts;

/// <summary>
/// Draws the liquidation heatmap: time × price cells coloured by the SUM of long and short outstanding notional
/// (a level is a level whichever side it liquidates; the side is told by position — longs below the mark, shorts
/// above — and by the two labelled clusters), the price line, the mark and a colour bar.
/// </summary>
internal static partial class HeatmapPainter
{
    public static readonly Rgba MarkColor = Rgba.FromBytes(0xFF, 0x6B, 0x3D);
    public static readonly Rgba LongColor = Rgba.FromBytes(0x2E, 0xD1, 0x7A);
    public static readonly Rgba ShortColor = Rgba.FromBytes(0xFF, 0x4D, 0x5E);
    public static readonly Rgba PriceColor = Rgba.FromBytes(0xFF, 0xFF, 0xFF);

    /// <summary>Above this many non-empty cells the colour scale tops out at the 99.5th percentile, not the maximum.</summary>
    private const int PercentileMinCells = 200;

    public static void Paint(ChartCanvas canvas, HeatmapChartSpec spec, CancellationToken ct)
    {
        var f = new ChartFrame(canvas, spec.Text);
        var grid = spec.Grid;
        var columns = grid.Times.Count;
        var s = f.S;
        var g = Geometry(spec, canvas.Width, canvas.Height);
        var top = f.Header(g is null ? "" : Axes.TimeRange(g.Start, g.End, spec.TimeZone));
        if (g is null)
        {
            f.NoData(top);
            return;
        }
        var (plotLeft, plotTop, plotRight, plotBottom) = (g.PlotLeft, g.PlotTop, g.PlotRight, g.PlotBottom);
        var (x, y, lo, hi, columnWidth, priceAxisW, barW) = (g.X, g.Y, g.Low, g.High, g.ColumnWidth, g.PriceAxisWidth, g.BarWidth);
        var mark = (double)spec.MarkPrice;
        var start = g.Start;
        var end = g.End;

        canvas.FillRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop, Viridis.Background);
        ct.ThrowIfCancellationRequested();

        var (scaleMax, trueMax) = columns > 0 ? ColourScale(grid) : (0, 0);
        canvas.PushClip(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
        if (scaleMax > 0)
        {
            var gx0 = x.Map(grid.Times[0]);
            var gx1 = x.Map(grid.Times[^1] + columnWidth);
            var gyTop = y.Map((double)(grid.PriceMin + (grid.BucketCount * grid.BucketSize)));
            var gyBottom = y.Map((double)grid.PriceMin);
            var rows = grid.BucketCount;
            var inverse = 1.0 / scaleMax;
            canvas.DrawCells(columns, rows, gx0, gyTop, gx1 - gx0, gyBottom - gyTop, (row, pixels) =>
            {
                // Bitmap row 0 is the top: the highest price bucket.
                var bucket = rows - 1 - row;
                for (var t = 0; t < pixels.Length; t++)
                {
                    var i = (t * rows) + bucket;
                    var v = (double)(grid.LongNotional[i] + grid.ShortNotional[i]);
                    pixels[t] = Viridis.Pixel(v * inverse);
                }
            });
        }
        ct.ThrowIfCancellationRequested();

        // Price ticks as faint guides (over the cells, under the lines).
        var (step, ticks) = Axes.NiceTicks(lo, hi, Math.Max(3, (int)((plotBottom - plotTop) / (64 * s))));
        var decimals = Axes.DecimalsFor(step);
        foreach (var tick in ticks)
        {
            canvas.Line(plotLeft, y.Map(tick), plotRight, y.Map(tick), ChartFrame.Grid, 1);
        }

        // The price line, with a dark halo so it stays visible over bright yellow cells.
        if (spec.PriceLine.Count > 1)
        {
            var xs = new double[spec.PriceLine.Count];
            var ys = new double[spec.PriceLine.Count];
            for (var i = 0; i < xs.Length; i++)
            {
                xs[i] = x.Map(spec.PriceLine[i].Time);
                ys[i] = y.Map((double)spec.PriceLine[i].Price);
            }
            canvas.Polyline(xs, ys, new Rgba(0, 0, 0, 0.55), 4.5 * s);
            canvas.Polyline(xs, ys, PriceColor, 2 * s);
        }
        SweptBands(f, spec.Sweeps, x, y);
        var markY = mark > 0 ? y.Map(mark) : double.NaN;
        if (mark > 0)
        {
            canvas.Line(plotLeft, markY, plotRight, markY, MarkColor, 1.5 * s, dash: 6 * s);
        }
        canvas.Restore();

        // Axes: price labels on the right, time labels below, in the chat's time zone.
        canvas.StrokeRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop, ChartFrame.Axis, 1);
        canvas.SetFont(13 * s, bold: false);
        foreach (var tick in ticks)
        {
            var ty = y.Map(tick);
            canvas.Line(plotRight, ty, plotRight + (4 * s), ty, ChartFrame.Axis, 1);
            canvas.Text(Axes.Price(tick, decimals), plotRight + (7 * s), f.CenterBaseline(ty), ChartFrame.TextDim);
        }
        var timeTicks = Axes.TimeTicks(start, end, spec.TimeZone, Math.Max(2, (int)((plotRight - plotLeft) / (150 * s))));
        foreach (var (time, label) in timeTicks)
        {
            var tx = x.Map(time);
            canvas.Line(tx, plotBottom, tx, plotBottom + (4 * s), ChartFrame.Axis, 1);
            f.TimeLabel(label, tx, plotBottom + (18 * s));
        }

        // Mark: the value in a box on the price axis (TradingView convention), the word beside the line.
        var occupied = new List<(double Top, double Bottom)>();
        if (mark > 0)
        {
            canvas.SetFont(13 * s, bold: true);
            f.Tag(Axes.Price(mark, Axes.PriceDecimals(mark)), plotRight + (2 * s), markY, MarkColor, ChartFrame.Page, TextAlign.Left);
            canvas.SetFont(13 * s, bold: false);
            var tag = f.Tag(f.Label(ChartLabels.Mark), plotLeft + (6 * s), markY, new Rgba(0, 0, 0, 0.6), MarkColor, TextAlign.Left);
            occupied.Add((tag.Y, tag.Y + tag.H));
        }

        ClusterTags(f, spec.Clusters, y, plotLeft, plotRight, plotTop, plotBottom, occupied);
        ColourBar(f, plotRight + priceAxisW, plotTop, g.BarTop, plotBottom, barW, scaleMax, trueMax);
    }

    private static void ClusterTags(
        ChartFrame f, IReadOnlyList<LiquidationCluster> clusters, Scale y, double plotLeft, double plotRight, double plotTop, double plotBottom,
        List<(double Top, double Bottom)> occupied)
    {
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(13 * s, bold: true);
        var picks = new[] { PositionSide.Long, PositionSide.Short }
            .Select(side => clusters.Where(c => c.Side == side).OrderByDescending(c => c.NotionalUsd).FirstOrDefault())
            .OfType<LiquidationCluster>();
        foreach (var cluster in picks)
        {
            var price = (double)cluster.Price;
            var cy = y.Map(price);
            if (cy < plotTop || cy > plotBottom)
            {
                continue;
            }
            var long_ = cluster.Side == PositionSide.Long;
            var colour = long_ ? LongColor : ShortColor;
            var text = f.Label(long_ ? ChartLabels.LongCluster : ChartLabels.ShortCluster) + "  "
                + Axes.Price(price, Axes.PriceDecimals(price)) + " · " + Axes.Usd((double)cluster.NotionalUsd, f.Units);
            var (ascent, descent) = canvas.FontMetrics();
            var h = ascent + descent + (6 * s);
            // Keep the tag off the mark tag and the other cluster's tag: nudge away from whatever it would cover.
            var labelY = Math.Clamp(cy, plotTop + (h / 2), plotBottom - (h / 2));
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var clash = occupied.FirstOrDefault(o => labelY + (h / 2) > o.Top && labelY - (h / 2) < o.Bottom);
                if (clash == default)
                {
                    break;
                }
                labelY = long_ ? clash.Bottom + (h / 2) + (2 * s) : clash.Top - (h / 2) - (2 * s);
                labelY = Math.Clamp(labelY, plotTop + (h / 2), plotBottom - (h / 2));
            }
            canvas.Line(plotRight - (14 * s), cy, plotRight, cy, colour, 3 * s);
            // Tags sit at the left (older history), so the newest — usually the largest — levels stay visible.
            var tag = f.Tag(text, plotLeft + (6 * s), labelY, new Rgba(0.04, 0.04, 0.06, 0.78), colour, TextAlign.Left, colour);
            occupied.Add((tag.Y, tag.Y + tag.H));
        }
    }

    /// <summary>Outline colour of a swept band (the side's colour, drawn over the cells and under the price line's tags).</summary>
    internal static Rgba SweptColor(PositionSide side) => side == PositionSide.Long ? LongColor : ShortColor;

    /// <summary>
    /// Each swept cluster as an outlined band from the bar that entered it to the bar that crossed it (at least 8 px
    /// wide so a one-bar sweep shows), with faint diagonal hatching and a tag "swept · realised 0.42×" (called inside the plot clip).
    /// </summary>
    private static void SweptBands(ChartFrame f, IReadOnlyList<SweptBand>? sweeps, Scale x, Scale y)
    {
        if (sweeps is null || sweeps.Count == 0)
        {
            return;
        }
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(11 * s, bold: false);
        foreach (var sweep in sweeps)
        {
            var x0 = x.Map(sweep.Start);
            var x1 = Math.Max(x.Map(sweep.End), x0 + (8 * s));
            var yTop = y.Map((double)sweep.High);
            var yBottom = y.Map((double)sweep.Low);
            if (yBottom - yTop < 4 * s)
            {
                var mid = (yTop + yBottom) / 2;
                (yTop, yBottom) = (mid - (2 * s), mid + (2 * s));
            }
            var colour = SweptColor(sweep.Side);
            canvas.PushClip(x0, yTop, x1 - x0, yBottom - yTop);
            var step = 6 * s;
            for (var hx = x0 - (yBottom - yTop); hx < x1; hx += step)
            {
                canvas.Line(hx, yBottom, hx + (yBottom - yTop), yTop, colour with { A = 0.35 }, 1);
            }
            canvas.Restore();
            canvas.StrokeRect(x0, yTop, x1 - x0, yBottom - yTop, colour, 2 * s);
            var ratio = sweep.Ratio is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "×" : "–";
            canvas.Text(f.Label(ChartLabels.Swept) + " " + ratio, x1 + (3 * s), f.CenterBaseline((yTop + yBottom) / 2), colour);
        }
    }

    /// <summary>Room above the colour bar for its caption: three lines of the smaller caption size.</summary>
    private static double CaptionHeight(double s) => 3 * CaptionLine(s, small: true) + (6 * s);

    private static double CaptionLine(double s, bool small) => (small ? 12 : 14.5) * s;

    private static void ColourBar(
        ChartFrame f, double left, double plotTop, double barTop, double plotBottom, double width, double scaleMax, double trueMax)
    {
        var canvas = f.Canvas;
        var s = f.S;
        const int Levels = 256;
        canvas.DrawCells(1, Levels, left, barTop, width, plotBottom - barTop, (row, pixels) =>
            pixels[0] = Viridis.Pixel((Levels - 1 - row) / (double)(Levels - 1)));
        canvas.StrokeRect(left, barTop, width, plotBottom - barTop, ChartFrame.Axis, 1);
        canvas.SetFont(12 * s, bold: false);
        var labelX = left + width + (5 * s);
        if (scaleMax > 0)
        {
            var topLabel = (trueMax > scaleMax ? "≥" : "") + Axes.Usd(scaleMax, f.Units);
            canvas.Text(topLabel, labelX, f.CenterBaseline(barTop + (6 * s)), ChartFrame.TextDim);
            canvas.Text(Axes.Usd(scaleMax / 2, f.Units), labelX, f.CenterBaseline((barTop + plotBottom) / 2), ChartFrame.TextDim);
        }
        canvas.Text(Axes.Usd(0, f.Units), labelX, f.CenterBaseline(plotBottom - (6 * s)), ChartFrame.TextDim);

        // The caption, horizontal above the bar: two lines at the label size, or three smaller ones for long captions.
        // A line still too wide (one long word) is right-aligned to the image edge and runs left over the price axis top.
        var caption = f.Label(ChartLabels.ColorBar);
        var right = canvas.Width - (4 * s);
        var maxWidth = right - left;
        var small = false;
        var lines = f.Wrap(caption, maxWidth);
        if (lines.Count > 2)
        {
            small = true;
            canvas.SetFont(10.5 * s, bold: false);
            lines = f.Wrap(caption, maxWidth);
        }
        var lineHeight = CaptionLine(s, small);
        var shown = lines.Take(3).ToList();
        if (lines.Count > 3)
        {
            shown[2] = string.Join(" ", lines.Skip(2));
        }
        var baseline = barTop - (5 * s) - ((shown.Count - 1) * lineHeight);
        foreach (var line in shown)
        {
            var w = canvas.MeasureText(line);
            canvas.Text(line, Math.Min(left, right - w), baseline, ChartFrame.TextDim);
            baseline += lineHeight;
        }
    }
}
