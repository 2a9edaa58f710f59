using DerivBot.Charts.Native;
using DerivBot.Core.Charts;

namespace DerivBot.Charts;

/// <summary>
/// Draws the <c>/venues</c> chart: one row per venue (largest OI first), a left panel with its share of the aggregate
/// open interest (blue bars from zero) and a right panel with its funding normalised to 8 h (green = longs pay,
/// red = shorts pay, around a zero line), and the OI-weighted rate as a dashed amber line across the funding panel.
/// Uses only the shared drawing primitives (canvas, frame, axes).
/// </summary>
internal static class VenuePainter
{
    public static readonly Rgba ShareColor = HistoryPainter.OiColor;
    public static readonly Rgba WeightedColor = Rgba.FromBytes(0xFF, 0xB0, 0x20);

    public static void Paint(ChartCanvas canvas, VenueChartSpec spec, CancellationToken ct)
    {
        var f = new ChartFrame(canvas, spec.Text);
        var s = f.S;
        var top = f.Header(string.Empty);
        if (spec.Bars.Count == 0)
        {
            f.NoData(top);
            return;
        }

        var g = Geometry(spec, canvas.Width, canvas.Height);
        var (share, fund, plotTop, plotBottom, rowHeight, barHeight) = (g.Share, g.Fund, g.PlotTop, g.PlotBottom, g.RowHeight, g.BarHeight);
        var (shareLeft, fundLeft, fundRight, panelTitle) = (g.ShareLeft, g.FundLeft, g.FundRight, g.PanelTitle);
        var (shareTicks, shareStep, fundTicks, fundStep) = (g.ShareTicks, g.ShareStep, g.FundTicks, g.FundStep);

        canvas.SetFont(16 * s, bold: true);
        canvas.Text(f.Label(ChartLabels.VenueShare), shareLeft, panelTitle, ChartFrame.TextMain);
        canvas.Text(f.Label(ChartLabels.VenueFunding), fundLeft, panelTitle, ChartFrame.TextMain);

        // Grids and tick labels.
        canvas.SetFont(13 * s, bold: false);
        var shareDecimals = Math.Max(0, Axes.DecimalsFor(shareStep * 100));
        foreach (var tick in shareTicks)
        {
            var x = share.Map(tick);
            canvas.Line(x, plotTop, x, plotBottom, ChartFrame.Grid, 1);
            f.TimeLabel(Axes.Percent(tick + 0.0, shareDecimals), x, plotBottom + (20 * s)); // + 0.0: no "-0%"
        }
        var fundDecimals = Math.Max(2, Axes.DecimalsFor(fundStep * 100));
        foreach (var tick in fundTicks)
        {
            var x = fund.Map(tick);
            canvas.Line(x, plotTop, x, plotBottom, ChartFrame.Grid, 1);
            f.TimeLabel(Axes.Percent(tick + 0.0, fundDecimals), x, plotBottom + (20 * s));
        }
        var zero = fund.Map(0);
        canvas.Line(zero, plotTop, zero, plotBottom, ChartFrame.Axis, 1.5 * s);
        canvas.Line(share.Map(0), plotTop, share.Map(0), plotBottom, ChartFrame.Axis, 1.5 * s);
        ct.ThrowIfCancellationRequested();

        for (var i = 0; i < spec.Bars.Count; i++)
        {
            var bar = spec.Bars[i];
            var center = g.RowCenter(i);
            var y = center - (barHeight / 2);

            canvas.SetFont(17 * s, bold: true);
            canvas.Text(bar.Venue, f.Pad, f.CenterBaseline(center), ChartFrame.TextMain);

            canvas.SetFont(14 * s, bold: false);
            var shareEnd = share.Map((double)bar.OiShare);
            canvas.FillRect(share.Map(0), y, Math.Max(1, shareEnd - share.Map(0)), barHeight, ShareColor);
            canvas.Text(Axes.Percent((double)bar.OiShare, 1), shareEnd + (6 * s), f.CenterBaseline(center), ChartFrame.TextMain);

            if (bar.EightHourRate is { } rate)
            {
                var x = fund.Map((double)rate);
                var colour = rate >= 0 ? HistoryPainter.FundingPositive : HistoryPainter.FundingNegative;
                canvas.FillRect(Math.Min(zero, x), y, Math.Max(1, Math.Abs(x - zero)), barHeight, colour);
                var label = (rate > 0 ? "+" : string.Empty) + Axes.Percent((double)rate, 4);
                if (rate >= 0)
                {
                    canvas.Text(label, x + (6 * s), f.CenterBaseline(center), ChartFrame.TextMain);
                }
                else
                {
                    canvas.Text(label, x - (6 * s), f.CenterBaseline(center), ChartFrame.TextMain, TextAlign.Right);
                }
            }
            else
            {
                canvas.Text("—", zero + (6 * s), f.CenterBaseline(center), ChartFrame.TextDim);
            }
        }
        ct.ThrowIfCancellationRequested();

        if (spec.WeightedEightHourRate is { } weighted)
        {
            var x = fund.Map((double)weighted);
            canvas.Line(x, plotTop - (4 * s), x, plotBottom, WeightedColor, 2.5 * s, dash: 8 * s);
            canvas.SetFont(13 * s, bold: true);
            var text = f.Label(ChartLabels.Weighted) + " " + (weighted > 0 ? "+" : string.Empty) + Axes.Percent((double)weighted, 4);
            var align = x > (fundLeft + fundRight) / 2 ? TextAlign.Right : TextAlign.Left;
            f.Tag(text, x, panelTitle - (6 * s), WeightedColor.WithAlpha(0.2), WeightedColor, align);
        }
    }

    /// <summary>Where everything goes (shared with the tests, which sample pixels at these places).</summary>
    internal static VenueGeometry Geometry(VenueChartSpec spec, int width, int height)
    {
        var s = ChartFrame.ScaleFor(width, height);
        var pad = 16 * s;
        var top = ChartFrame.HeaderBottom(s);
        var labelWidth = 170 * s;
        var gap = 48 * s;
        var left = pad + labelWidth;
        var right = width - pad;
        var middle = left + ((right - left) * 0.45);
        var shareLeft = left;
        var shareRight = middle - (gap / 2);
        var fundLeft = middle + (gap / 2);
        var fundRight = right - (8 * s);
        var panelTitle = top + (22 * s);
        var plotTop = panelTitle + (16 * s);
        var plotBottom = height - pad - (28 * s);
        var rowHeight = (plotBottom - plotTop) / Math.Max(1, spec.Bars.Count);
        var barHeight = Math.Min(rowHeight * 0.6, 46 * s);

        // Share axis: 0 .. the largest share rounded up to a nice tick.
        var maxShare = Math.Max(0.05, spec.Bars.Count > 0 ? spec.Bars.Max(b => (double)b.OiShare) : 0);
        var (shareStep, shareTicks) = Axes.NiceTicks(0, maxShare * 1.08, 4);
        var shareMax = shareTicks.Count > 0 ? Math.Max(shareTicks[^1], maxShare) : maxShare;
        var share = new Scale(0, shareMax, shareLeft, shareRight - (60 * s));

        // Funding axis: covers zero, every rate and the weighted line.
        var values = spec.Bars.Where(b => b.EightHourRate is not null).Select(b => (double)b.EightHourRate!.Value).ToList();
        if (spec.WeightedEightHourRate is { } w)
        {
            values.Add((double)w);
        }
        var lo = Math.Min(0, values.Count > 0 ? values.Min() : 0);
        var hi = Math.Max(0, values.Count > 0 ? values.Max() : 0);
        if (hi - lo < 1e-6)
        {
            hi += 0.0001;
        }
        var span = hi - lo;
        var (fundStep, fundTicks) = Axes.NiceTicks(lo - (span * 0.08), hi + (span * 0.08), 4);
        var fundMin = Math.Min(lo - (span * 0.08), fundTicks.Count > 0 ? fundTicks[0] : lo);
        var fundMax = Math.Max(hi + (span * 0.08), fundTicks.Count > 0 ? fundTicks[^1] : hi);
        var fund = new Scale(fundMin, fundMax, fundLeft + (56 * s), fundRight - (56 * s));
        return new VenueGeometry(share, fund, plotTop, plotBottom, rowHeight, barHeight, shareLeft, fundLeft, fundRight, panelTitle,
            shareTicks, shareStep, fundTicks, fundStep);
    }
}
