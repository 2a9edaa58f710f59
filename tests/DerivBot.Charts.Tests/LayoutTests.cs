using DerivBot.Charts.Native;
using DerivBot.Core.Charts;

namespace DerivBot.Charts.Tests;

/// <summary>The colour-bar caption is horizontal and wrapped; funding bars at the window's ends are whole.</summary>
public sealed class LayoutTests
{
    private static ChartFrame Frame(ChartCanvas canvas) => new(canvas, new ChartText("", "", new Dictionary<string, string>()));

    [Fact]
    public void Wrap_ChineseWithBracketedUnit_BreaksBeforeTheGroupNotInsideIt()
    {
        using var canvas = new ChartCanvas(FontFaces.EmbeddedFaces("TC"), 64, 64);
        var f = Frame(canvas);
        canvas.SetFont(12, bold: false);
        var width = canvas.MeasureText("預估清算金額（美") + 1;

        Assert.Equal(["預估清算金額", "（美元）"], f.Wrap("預估清算金額（美元）", width));
        Assert.Equal(["預估清算金額（美元）"], f.Wrap("預估清算金額（美元）", 1000));
    }

    [Fact]
    public void Wrap_English_BreaksAtSpacesAndKeepsALongWordWhole()
    {
        using var canvas = new ChartCanvas(FontFaces.EmbeddedFaces("TC"), 64, 64);
        var f = Frame(canvas);
        canvas.SetFont(12, bold: false);
        var width = canvas.MeasureText("Est. liquidation") + 1;

        Assert.Equal(["Est. liquidation", "notional (USD)"], f.Wrap("Est. liquidation notional (USD)", width));
        Assert.Equal(["Supercalifragilistic", "x"], f.Wrap("Supercalifragilistic x", 10));
    }

    [Fact]
    public void RenderHeatmap_ColourBarCaption_IsDrawnAboveTheBar()
    {
        var spec = Synthetic.Heatmap(new ChartText("清算熱力圖", "", Synthetic.TraditionalChineseLabels()));
        var png = Renderers.Default.RenderHeatmap(spec, CancellationToken.None).Png;
        Renderers.Dump("heatmap-caption.png", png);
        var image = PngImage.Decode(png);
        var g = HeatmapPainter.Geometry(spec, 1280, 720)!;
        var barLeft = (int)(g.PlotRight + g.PriceAxisWidth);

        // Text pixels (bright on the dark page) in the band above the bar, right of the price axis.
        var text = 0;
        for (var y = (int)g.PlotTop; y < (int)g.BarTop; y++)
        {
            for (var x = barLeft; x < 1280; x++)
            {
                text += image.Pixel(x, y).R > 90 ? 1 : 0;
            }
        }
        Assert.True(text > 30, $"only {text} caption pixels above the colour bar");
        // The bar itself starts below the caption: its top is viridis yellow.
        var top = image.Pixel(barLeft + (int)(g.BarWidth / 2), (int)g.BarTop + 3);
        Assert.True(top.R > 200 && top.G > 200 && top.B < 90, $"expected the bar's yellow top, got {top}");
        // And nothing is drawn in the strip right of the bar labels where the rotated caption used to be.
        var strip = Enumerable.Range((int)g.BarTop + 60, 200).Count(y => image.Pixel(1280 - 12, y).R > 90);
        Assert.Equal(0, strip);
    }

    [Fact]
    public void RenderHistory_FundingBarsAtBothEnds_AreWholeInsideThePlot()
    {
        var spec = Synthetic.History();
        var image = PngImage.Decode(Renderers.Default.RenderHistory(spec, CancellationToken.None).Png);
        var g = HistoryPainter.Geometry(spec, 1280, 720)!;
        var first = spec.Funding[0];
        var last = spec.Funding[^1];
        Assert.True(first.Rate > 0 && last.Rate < 0);
        var firstLeft = g.X.Map(first.Time) - (g.FundingBarWidth / 2);
        var lastRight = g.X.Map(last.Time) + (g.FundingBarWidth / 2);

        Assert.True(firstLeft > g.PlotLeft, $"first bar starts at {firstLeft:F1}, plot at {g.PlotLeft:F1}");
        Assert.True(lastRight < g.PlotRight, $"last bar ends at {lastRight:F1}, plot at {g.PlotRight:F1}");
        var zeroY = HistoryZero(g, spec);
        var left = image.Pixel((int)Math.Ceiling(firstLeft) + 1, (int)zeroY - 3);
        var right = image.Pixel((int)Math.Floor(lastRight) - 1, (int)zeroY + 3);
        Assert.True(left.G > 150 && left.R < 100, $"first bar's left edge should be green, got {left}");
        Assert.True(right.R > 180 && right.G < 120, $"last bar's right edge should be red, got {right}");
    }

    private static double HistoryZero(HistoryGeometry g, HistoryChartSpec spec)
    {
        var rates = spec.Funding.Select(p => (double)p.Rate).ToList();
        var lo = Math.Min(0, rates.Min());
        var hi = Math.Max(0, rates.Max());
        var pad = (hi - lo) * 0.08;
        return new Scale(lo - pad, hi + pad, g.PlotBottom, g.LowerTop).Map(0);
    }
}
