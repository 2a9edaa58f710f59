using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Signals;

namespace DerivBot.Charts;

/// <summary>
/// Draws the history chart: an upper panel with price (right axis) over open interest as an area (left axis, USD),
/// a lower panel with funding bars (green = positive: longs pay shorts; red = negative: shorts pay longs), and the
/// quadrant states shaded across both panels with a solid ribbon on top so each phase reads at a glance.
/// </summary>
internal static class HistoryPainter
{
    public static readonly Rgba PriceColor = Rgba.FromBytes(0xF2, 0xF3, 0xF5);
    public static readonly Rgba OiColor = Rgba.FromBytes(0x5B, 0x9B, 0xFF);
    public static readonly Rgba FundingPositive = Rgba.FromBytes(0x26, 0xC2, 0x81);
    public static readonly Rgba FundingNegative = Rgba.FromBytes(0xF2, 0x4B, 0x5B);

    /// <summary>One hue per state, chosen away from the green/red of the funding bars and the blue of OI.</summary>
    public static Rgba QuadrantColor(QuadrantState state) => state switch
    {
        QuadrantState.LongCrowding => Rgba.FromBytes(0xFF, 0x9F, 0x1C),
        QuadrantState.ShortCrowding => Rgba.FromBytes(0x3F, 0xD0, 0xE0),
        QuadrantState.Churn => Rgba.FromBytes(0xC0, 0x7A, 0xFF),
        QuadrantState.Deleveraging => Rgba.FromBytes(0xFF, 0x5F, 0xA8),
        _ => Rgba.FromBytes(0x8A, 0x90, 0x9C),
    };

    /// <summary>Opacity of the shading behind the series.</summary>
    public const double ShadeAlpha = 0.16;

    public static void Paint(ChartCanvas canvas, HistoryChartSpec spec, CancellationToken ct)
    {
        var f = new ChartFrame(canvas, spec.Text);
        var s = f.S;

        var g = Geometry(spec, canvas.Width, canvas.Height);
        var top = f.Header(g is null ? "" : Axes.TimeRange(g.Start, g.End, spec.TimeZone));
        if (g is null)
        {
            f.NoData(top);
            return;
        }
        Legend(f, spec, g.LegendY);
        var (plotLeft, plotRight, plotTop, plotBottom, upperBottom, lowerTop) =
            (g.PlotLeft, g.PlotRight, g.PlotTop, g.PlotBottom, g.UpperBottom, g.LowerTop);
        var (x, start, end) = (g.X, g.Start, g.End);
        var width = plotRight - plotLeft;

        // Quadrant shading first, so every series draws over it.
        canvas.PushClip(plotLeft, plotTop, width, plotBottom - plotTop);
        foreach (var span in spec.Quadrants)
        {
            // Spans reaching the window's ends shade the plot's edges too (the time axis is inset for the funding bars).
            var x0 = span.Start <= start ? plotLeft : Math.Max(plotLeft, x.Map(span.Start));
            var x1 = span.End >= end ? plotRight : Math.Min(plotRight, x.Map(span.End));
            if (x1 <= x0)
            {
                continue;
            }
            var colour = QuadrantColor(span.State);
            canvas.FillRect(x0, plotTop, x1 - x0, upperBottom - plotTop, colour.WithAlpha(ShadeAlpha));
            canvas.FillRect(x0, lowerTop, x1 - x0, plotBottom - lowerTop, colour.WithAlpha(ShadeAlpha));
            canvas.FillRect(x0, plotTop, x1 - x0, 5 * s, colour.WithAlpha(0.9));
        }
        canvas.Restore();
        ct.ThrowIfCancellationRequested();

        var timeTicks = Axes.TimeTicks(start, end, spec.TimeZone, Math.Max(2, (int)(width / (150 * s))));
        foreach (var (time, _) in timeTicks)
        {
            var tx = x.Map(time);
            canvas.Line(tx, plotTop, tx, upperBottom, ChartFrame.Grid, 1);
            canvas.Line(tx, lowerTop, tx, plotBottom, ChartFrame.Grid, 1);
        }

        UpperPanel(f, spec, x, plotLeft, plotRight, plotTop, upperBottom);
        ct.ThrowIfCancellationRequested();
        FundingPanel(f, spec, x, g.FundingBarWidth, plotLeft, plotRight, lowerTop, plotBottom);

        canvas.SetFont(13 * s, bold: false);
        foreach (var (time, label) in timeTicks)
        {
            var tx = x.Map(time);
            canvas.Line(tx, plotBottom, tx, plotBottom + (4 * s), ChartFrame.Axis, 1);
            f.TimeLabel(label, tx, plotBottom + (18 * s));
        }
    }

    /// <summary>Panel rectangles and the time scale, from the spec and the image size alone (tests sample pixels with it).</summary>
    internal static HistoryGeometry? Geometry(HistoryChartSpec spec, int width, int height)
    {
        DateTimeOffset? start = null, end = null;
        void Extend(DateTimeOffset t)
        {
            start = start is null || t < start ? t : start;
            end = end is null || t > end ? t : end;
        }
        foreach (var p in spec.Price)
        {
            Extend(p.Time);
        }
        foreach (var p in spec.OpenInterest)
        {
            Extend(p.Time);
        }
        foreach (var p in spec.Funding)
        {
            Extend(p.Time);
        }
        if (start is null || end is null || !(end > start))
        {
            return null;
        }
        var s = ChartFrame.ScaleFor(width, height);
        var pad = 16 * s;
        var legendY = ChartFrame.HeaderBottom(s) + (12 * s);
        var plotLeft = pad + (78 * s);
        var plotRight = width - pad - (92 * s);
        var plotTop = legendY + (20 * s);
        var plotBottom = height - pad - (22 * s);
        var gap = 12 * s;
        var upperBottom = plotTop + ((plotBottom - plotTop - gap) * 0.68);

        // Funding bars are centred on their settlement times; the first and last sit on the window's ends, so the time
        // axis is inset by half a bar (plus a pixel) on each side to keep them whole instead of half clipped.
        // Bar width: 70 % of the tightest spacing between settlements (intervals vary: 8 h, 4 h, 1 h).
        var minGap = double.MaxValue;
        for (var i = 1; i < spec.Funding.Count; i++)
        {
            var d = (double)(spec.Funding[i].Time - spec.Funding[i - 1].Time).Ticks;
            if (d > 0)
            {
                minGap = Math.Min(minGap, d);
            }
        }
        var spanTicks = (double)(end.Value - start.Value).Ticks;
        double BarWidth(double inset) => minGap == double.MaxValue
            ? 6 * s
            : Math.Clamp(minGap / spanTicks * (plotRight - plotLeft - (2 * inset)) * 0.7, 1, 24 * s);
        // The bar narrows as the inset grows, so an inset sized for the un-inset bar is always enough.
        var inset = spec.Funding.Count > 0 ? (BarWidth(0) / 2) + 1 : 0;
        var barWidth = BarWidth(inset);
        return new HistoryGeometry(start.Value, end.Value, legendY, plotLeft, plotRight, plotTop, plotBottom, upperBottom,
            upperBottom + gap, Scale.Time(start.Value, end.Value, plotLeft + inset, plotRight - inset), barWidth);
    }

    private static void UpperPanel(ChartFrame f, HistoryChartSpec spec, Scale x, double left, double right, double top, double bottom)
    {
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(13 * s, bold: false);

        // Open interest: its own (left) axis, drawn as an area so the price line stays the foreground.
        if (spec.OpenInterest.Count > 0)
        {
            var (lo, hi) = Range(spec.OpenInterest.Select(p => (double)p.ValueUsd));
            var (_, ticks) = Axes.NiceTicks(lo, hi, Math.Max(3, (int)((bottom - top) / (70 * s))));
            var y = new Scale(lo, hi, bottom, top + (10 * s));
            var xs = spec.OpenInterest.Select(p => x.Map(p.Time)).ToArray();
            var ys = spec.OpenInterest.Select(p => y.Map((double)p.ValueUsd)).ToArray();
            canvas.PushClip(left, top, right - left, bottom - top);
            canvas.Area(xs, ys, bottom, OiColor.WithAlpha(0.22));
            canvas.Polyline(xs, ys, OiColor.WithAlpha(0.9), 1.5 * s);
            canvas.Restore();
            foreach (var tick in ticks)
            {
                var ty = y.Map(tick);
                canvas.Line(left - (4 * s), ty, left, ty, ChartFrame.Axis, 1);
                canvas.Text(Axes.Usd(tick, f.Units), left - (7 * s), f.CenterBaseline(ty), OiColor, TextAlign.Right);
            }
        }

        if (spec.Price.Count > 0)
        {
            var (lo, hi) = Range(spec.Price.Select(p => (double)p.Price));
            var (step, ticks) = Axes.NiceTicks(lo, hi, Math.Max(3, (int)((bottom - top) / (60 * s))));
            var decimals = Axes.DecimalsFor(step);
            var y = new Scale(lo, hi, bottom, top + (10 * s));
            foreach (var tick in ticks)
            {
                var ty = y.Map(tick);
                canvas.Line(left, ty, right, ty, ChartFrame.Grid, 1);
                canvas.Line(right, ty, right + (4 * s), ty, ChartFrame.Axis, 1);
                canvas.Text(Axes.Price(tick, decimals), right + (7 * s), f.CenterBaseline(ty), ChartFrame.TextDim);
            }
            var xs = spec.Price.Select(p => x.Map(p.Time)).ToArray();
            var ys = spec.Price.Select(p => y.Map((double)p.Price)).ToArray();
            canvas.PushClip(left, top, right - left, bottom - top);
            canvas.Polyline(xs, ys, PriceColor, 2 * s);
            canvas.Restore();
            var last = spec.Price[^1];
            canvas.SetFont(13 * s, bold: true);
            f.Tag(Axes.Price((double)last.Price, Axes.PriceDecimals((double)last.Price)), right + (2 * s), y.Map((double)last.Price),
                PriceColor, ChartFrame.Page, TextAlign.Left);
        }
        canvas.StrokeRect(left, top, right - left, bottom - top, ChartFrame.Axis, 1);
    }

    private static void FundingPanel(ChartFrame f, HistoryChartSpec spec, Scale x, double barW, double left, double right, double top, double bottom)
    {
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(13 * s, bold: false);
        var rates = spec.Funding.Select(p => (double)p.Rate).ToList();
        // Zero always on the axis: the sign is the point of this panel.
        var lo = Math.Min(0, rates.Count > 0 ? rates.Min() : 0);
        var hi = Math.Max(0, rates.Count > 0 ? rates.Max() : 0);
        if (hi - lo < 1e-6)
        {
            lo = Math.Min(lo, -0.0001);
            hi = Math.Max(hi, 0.0001);
        }
        var pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        var (step, ticks) = Axes.NiceTicks(lo, hi, Math.Max(2, (int)((bottom - top) / (40 * s))));
        var decimals = Math.Max(2, Axes.DecimalsFor(step * 100));
        var y = new Scale(lo, hi, bottom, top);
        foreach (var tick in ticks)
        {
            var ty = y.Map(tick);
            canvas.Line(right, ty, right + (4 * s), ty, ChartFrame.Axis, 1);
            canvas.Text(Axes.Percent(tick, decimals), right + (7 * s), f.CenterBaseline(ty), ChartFrame.TextDim);
        }
        var zeroY = y.Map(0);
        canvas.Line(left, zeroY, right, zeroY, ChartFrame.Axis, 1);

        if (spec.Funding.Count > 0)
        {
            canvas.PushClip(left, top, right - left, bottom - top);
            foreach (var p in spec.Funding)
            {
                var bx = x.Map(p.Time) - (barW / 2);
                var by = y.Map((double)p.Rate);
                var colour = p.Rate >= 0 ? FundingPositive : FundingNegative;
                canvas.FillRect(bx, Math.Min(by, zeroY), barW, Math.Max(1, Math.Abs(zeroY - by)), colour);
            }
            canvas.Restore();
        }
        canvas.StrokeRect(left, top, right - left, bottom - top, ChartFrame.Axis, 1);
    }

    private static void Legend(ChartFrame f, HistoryChartSpec spec, double centerY)
    {
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(13 * s, bold: false);
        var baseline = f.CenterBaseline(centerY);
        var cursor = f.Pad;
        var sw = 18 * s;

        canvas.Line(cursor, centerY, cursor + sw, centerY, PriceColor, 2 * s);
        cursor += sw + (5 * s);
        cursor += canvas.Text(f.Label(ChartLabels.Price), cursor, baseline, ChartFrame.TextMain) + (16 * s);

        canvas.FillRect(cursor, centerY - (5 * s), sw, 10 * s, OiColor.WithAlpha(0.5));
        cursor += sw + (5 * s);
        cursor += canvas.Text(f.Label(ChartLabels.OpenInterest), cursor, baseline, ChartFrame.TextMain) + (16 * s);

        canvas.FillRect(cursor, centerY - (7 * s), 6 * s, 7 * s, FundingPositive);
        canvas.FillRect(cursor + (8 * s), centerY, 6 * s, 7 * s, FundingNegative);
        cursor += (14 * s) + (5 * s);
        cursor += canvas.Text(f.Label(ChartLabels.Funding), cursor, baseline, ChartFrame.TextMain) + (28 * s);

        // Only the states that occur: a legend entry for a colour that is nowhere on the chart is noise.
        foreach (var state in Enum.GetValues<QuadrantState>().Where(q => spec.Quadrants.Any(span => span.State == q)))
        {
            canvas.FillRect(cursor, centerY - (6 * s), 12 * s, 12 * s, QuadrantColor(state).WithAlpha(0.9));
            cursor += (12 * s) + (5 * s);
            cursor += canvas.Text(f.Label(state.ToString()), cursor, baseline, ChartFrame.TextMain) + (14 * s);
        }
    }

    private static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        var lo = double.MaxValue;
        var hi = double.MinValue;
        foreach (var v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (!(hi > lo))
        {
            var mid = lo == double.MaxValue ? 0 : lo;
            var half = Math.Max(Math.Abs(mid) * 0.01, 1e-9);
            return (mid - half, mid + half);
        }
        var pad = (hi - lo) * 0.05;
        return (lo - pad, hi + pad);
    }
}
