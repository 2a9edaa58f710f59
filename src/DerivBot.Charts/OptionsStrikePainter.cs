using DerivBot.Charts.Native;
using DerivBot.Core.Charts;

namespace DerivBot.Charts;

/// <summary>
/// Draws open interest by strike: call open interest as green bars above the zero axis, put open interest as red bars
/// below it, the underlying price as a white dashed line and max pain as an amber one, each tagged at the top.
/// Strikes far from the underlying (beyond −50 % / +60 %) are left out so the money region stays readable.
/// Uses only the painter-facing drawing methods of the canvas, <see cref="ChartFrame"/> and <see cref="Axes"/>.
/// </summary>
internal static class OptionsStrikePainter
{
    public static readonly Rgba CallColor = Rgba.FromBytes(0x26, 0xC2, 0x81);
    public static readonly Rgba PutColor = Rgba.FromBytes(0xF2, 0x4B, 0x5B);
    public static readonly Rgba UnderlyingColor = Rgba.FromBytes(0xF2, 0xF3, 0xF5);
    public static readonly Rgba MaxPainColor = Rgba.FromBytes(0xFF, 0xB0, 0x20);

    public static void Paint(ChartCanvas canvas, OptionsStrikeChartSpec spec, CancellationToken ct)
    {
        var f = new ChartFrame(canvas, spec.Text);
        var s = f.S;
        var g = Geometry(spec, canvas.Width, canvas.Height);
        var top = f.Header("");
        if (g is null)
        {
            f.NoData(top);
            return;
        }
        Legend(f, g.LegendY);
        var (left, right, plotTop, bottom) = (g.PlotLeft, g.PlotRight, g.PlotTop, g.PlotBottom);

        // Horizontal grid and the OI axis (coins), zero emphasised: the sign of a bar is the point of this chart.
        canvas.SetFont(13 * s, bold: false);
        var (step, ticks) = Axes.NiceTicks(g.Y.From, g.Y.To, Math.Max(4, (int)((bottom - plotTop) / (55 * s))));
        var decimals = Axes.DecimalsFor(step);
        foreach (var tick in ticks)
        {
            var ty = g.Y.Map(tick);
            canvas.Line(left, ty, right, ty, ChartFrame.Grid, 1);
            canvas.Line(left - (4 * s), ty, left, ty, ChartFrame.Axis, 1);
            canvas.Text(Axes.Price(Math.Abs(tick), decimals), left - (7 * s), f.CenterBaseline(ty), tick >= 0 ? CallColor : PutColor, TextAlign.Right);
        }
        ct.ThrowIfCancellationRequested();

        canvas.PushClip(left, plotTop, right - left, bottom - plotTop);
        foreach (var bar in g.Bars)
        {
            var x = g.X.Map((double)bar.Strike) - (g.BarWidth / 2);
            if (bar.CallOi > 0)
            {
                var y = g.Y.Map((double)bar.CallOi);
                canvas.FillRect(x, y, g.BarWidth, Math.Max(1, g.ZeroY - y), CallColor);
            }
            if (bar.PutOi > 0)
            {
                var y = g.Y.Map(-(double)bar.PutOi);
                canvas.FillRect(x, g.ZeroY, g.BarWidth, Math.Max(1, y - g.ZeroY), PutColor);
            }
        }
        canvas.Restore();
        canvas.Line(left, g.ZeroY, right, g.ZeroY, ChartFrame.Axis, 1.5 * s);

        // Strike axis.
        var (xStep, xTicks) = Axes.NiceTicks(g.X.From, g.X.To, Math.Max(3, (int)((right - left) / (130 * s))));
        var xDecimals = Axes.DecimalsFor(xStep);
        foreach (var tick in xTicks)
        {
            var tx = g.X.Map(tick);
            canvas.Line(tx, bottom, tx, bottom + (4 * s), ChartFrame.Axis, 1);
            f.TimeLabel(Axes.Price(tick, xDecimals), tx, bottom + (18 * s));
        }
        canvas.Text(f.Label(OptionsChartLabels.Strike), right, bottom + (36 * s), ChartFrame.TextDim, TextAlign.Right);
        canvas.Text(f.Label(OptionsChartLabels.OpenInterest), left, plotTop - (8 * s), ChartFrame.TextDim);

        // Markers last, over the bars; tags sit just inside the plot's top edge, max pain one row lower.
        canvas.SetFont(13 * s, bold: true);
        Marker(f, g, spec.Underlying, UnderlyingColor, f.Label(OptionsChartLabels.Underlying), plotTop + (14 * s));
        Marker(f, g, spec.MaxPain, MaxPainColor, f.Label(OptionsChartLabels.MaxPain), plotTop + (40 * s));
        canvas.StrokeRect(left, plotTop, right - left, bottom - plotTop, ChartFrame.Axis, 1);
    }

    private static void Marker(ChartFrame f, OptionsGeometry g, decimal? value, Rgba colour, string label, double tagY)
    {
        if (value is not { } v)
        {
            return;
        }
        var x = g.X.Map((double)v);
        if (x < g.PlotLeft || x > g.PlotRight)
        {
            return;
        }
        f.Canvas.Line(x, g.PlotTop, x, g.PlotBottom, colour, 2 * f.S, dash: 6 * f.S);
        var text = label + " " + Axes.Price((double)v, Axes.PriceDecimals((double)v) > 1 ? Axes.PriceDecimals((double)v) : 0);
        // Tags flip to the left of the line near the right edge so they stay inside the image.
        var align = x > (g.PlotLeft + g.PlotRight) / 2 ? TextAlign.Right : TextAlign.Left;
        f.Tag(text, align == TextAlign.Right ? x - (4 * f.S) : x + (4 * f.S), tagY, colour, ChartFrame.Page, align);
    }

    private static void Legend(ChartFrame f, double centerY)
    {
        var canvas = f.Canvas;
        var s = f.S;
        canvas.SetFont(13 * s, bold: false);
        var baseline = f.CenterBaseline(centerY);
        var cursor = f.Pad;
        var sw = 14 * s;
        canvas.FillRect(cursor, centerY - (6 * s), sw, 12 * s, CallColor);
        cursor += sw + (5 * s);
        cursor += canvas.Text(f.Label(OptionsChartLabels.Calls), cursor, baseline, ChartFrame.TextMain) + (16 * s);
        canvas.FillRect(cursor, centerY - (6 * s), sw, 12 * s, PutColor);
        cursor += sw + (5 * s);
        cursor += canvas.Text(f.Label(OptionsChartLabels.Puts), cursor, baseline, ChartFrame.TextMain) + (16 * s);
        canvas.Line(cursor, centerY, cursor + (18 * s), centerY, UnderlyingColor, 2 * s, dash: 4 * s);
        cursor += (18 * s) + (5 * s);
        cursor += canvas.Text(f.Label(OptionsChartLabels.Underlying), cursor, baseline, ChartFrame.TextMain) + (16 * s);
        canvas.Line(cursor, centerY, cursor + (18 * s), centerY, MaxPainColor, 2 * s, dash: 4 * s);
        cursor += (18 * s) + (5 * s);
        canvas.Text(f.Label(OptionsChartLabels.MaxPain), cursor, baseline, ChartFrame.TextMain);
    }

    /// <summary>Plot rectangle, scales and the bars drawn, from the spec and the image size alone (tests sample pixels with it).</summary>
    internal static OptionsGeometry? Geometry(OptionsStrikeChartSpec spec, int width, int height)
    {
        var bars = Visible(spec);
        if (bars.Count == 0 || bars.All(b => b.CallOi <= 0 && b.PutOi <= 0))
        {
            return null;
        }
        var s = ChartFrame.ScaleFor(width, height);
        var pad = 16 * s;
        var legendY = ChartFrame.HeaderBottom(s) + (12 * s);
        var plotLeft = pad + (78 * s);
        var plotRight = width - pad - (24 * s);
        var plotTop = legendY + (38 * s);
        var plotBottom = height - pad - (44 * s);

        var lo = (double)bars[0].Strike;
        var hi = (double)bars[^1].Strike;
        foreach (var marker in new[] { spec.Underlying, spec.MaxPain })
        {
            if (marker is { } m && (double)m > lo * 0.5 && (double)m < hi * 1.5)
            {
                lo = Math.Min(lo, (double)m);
                hi = Math.Max(hi, (double)m);
            }
        }
        var minGap = double.MaxValue;
        for (var i = 1; i < bars.Count; i++)
        {
            minGap = Math.Min(minGap, (double)(bars[i].Strike - bars[i - 1].Strike));
        }
        if (minGap == double.MaxValue)
        {
            minGap = Math.Max(1, Math.Abs(lo) * 0.05);
        }
        // Half a strike step of air at each end keeps the outer bars whole.
        var x = new Scale(lo - minGap, hi + minGap, plotLeft, plotRight);
        var barWidth = Math.Clamp(minGap / (x.To - x.From) * (plotRight - plotLeft) * 0.7, 2, 30 * s);

        var maxCall = (double)bars.Max(b => b.CallOi);
        var maxPut = (double)bars.Max(b => b.PutOi);
        var span = Math.Max(maxCall, maxPut);
        // Each side gets at least a quarter of the height, so a side with little open interest is still visible as a side.
        var up = Math.Max(maxCall, span * 0.25) * 1.08;
        var down = Math.Max(maxPut, span * 0.25) * 1.08;
        var y = new Scale(-down, up, plotBottom, plotTop);
        return new OptionsGeometry(legendY, plotLeft, plotRight, plotTop, plotBottom, x, y, y.Map(0), barWidth, bars);
    }

    /// <summary>The strikes drawn: within −50 %/+60 % of the underlying when it is known, otherwise all.</summary>
    internal static IReadOnlyList<StrikeOpenInterest> Visible(OptionsStrikeChartSpec spec)
    {
        var strikes = spec.Strikes.Where(b => b.Strike > 0 && (b.CallOi > 0 || b.PutOi > 0)).OrderBy(b => b.Strike).ToList();
        if (spec.Underlying is { } u && u > 0)
        {
            var near = strikes.Where(b => b.Strike >= u * 0.5m && b.Strike <= u * 1.6m).ToList();
            if (near.Count > 0)
            {
                return near;
            }
        }
        return strikes;
    }
}
