using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Signals;

namespace DerivBot.Charts.Tests;

public sealed class HistoryRenderTests
{
    private static readonly HistoryChartSpec Spec = Synthetic.History();

    private static (PngImage Image, HistoryGeometry Geometry) Render(HistoryChartSpec spec)
    {
        var chart = Renderers.Default.RenderHistory(spec, CancellationToken.None);
        Renderers.Dump("history.png", chart.Png);
        return (PngImage.Decode(chart.Png), HistoryPainter.Geometry(spec, spec.Width, spec.Height)!);
    }

    private static bool Near((byte R, byte G, byte B) actual, Rgba expected, int tolerance) =>
        Math.Abs(actual.R - (expected.R * 255)) <= tolerance
        && Math.Abs(actual.G - (expected.G * 255)) <= tolerance
        && Math.Abs(actual.B - (expected.B * 255)) <= tolerance;

    [Fact]
    public void RenderHistory_SevenDays_IsPngOfRequestedSize()
    {
        var chart = Renderers.Default.RenderHistory(Spec, CancellationToken.None);

        var image = PngImage.Decode(chart.Png);
        Assert.Equal((1280, 720), (image.Width, image.Height));
        Assert.Equal("history.png", chart.FileName);
    }

    [Theory]
    [InlineData(QuadrantState.LongCrowding, 3)]
    [InlineData(QuadrantState.Deleveraging, 4.5)]
    [InlineData(QuadrantState.Churn, 5.5)]
    [InlineData(QuadrantState.ShortCrowding, 6.5)]
    public void RenderHistory_QuadrantSpan_ShowsItsColourInTheRibbon(QuadrantState state, double day)
    {
        var (image, g) = Render(Spec);

        var x = (int)g.X.Map(Synthetic.Start.AddDays(day));
        var pixel = image.Pixel(x, (int)g.PlotTop + 2);

        // The ribbon is the state's colour at 90 % over the page.
        var expected = HistoryPainter.QuadrantColor(state);
        Assert.True(Near(pixel, expected, 30), $"{state}: got {pixel}, expected about {expected}");
    }

    [Fact]
    public void RenderHistory_FundingBars_GreenWhenPositiveRedWhenNegative()
    {
        var (image, g) = Render(Spec);
        var zeroToBottom = g.PlotBottom - g.LowerTop;

        // Funding point 8 (positive, +0.026 %) and point 18 (negative, -0.035 %): sample just beside the zero line.
        var positive = Spec.Funding[8];
        var negative = Spec.Funding[18];
        Assert.True(positive.Rate > 0 && negative.Rate < 0);
        var (pxPos, pxNeg) = ((int)g.X.Map(positive.Time), (int)g.X.Map(negative.Time));
        var zeroY = ZeroLine(g, Spec);
        var up = image.Pixel(pxPos, (int)zeroY - 4);
        var down = image.Pixel(pxNeg, (int)zeroY + 4);

        Assert.True(Near(up, HistoryPainter.FundingPositive, 20), $"positive bar pixel {up}");
        Assert.True(Near(down, HistoryPainter.FundingNegative, 20), $"negative bar pixel {down}");
        Assert.True(zeroToBottom > 0);
    }

    [Fact]
    public void RenderHistory_PriceLine_IsDrawnOverTheShading()
    {
        var (image, _) = Render(Spec);
        var g = HistoryPainter.Geometry(Spec, 1280, 720)!;

        // The price peaks (sin = 1) at hour 47: the line's top, in the upper panel.
        var peak = Spec.Price.MaxBy(p => p.Price);
        var x = (int)g.X.Map(peak.Time);
        var column = Enumerable.Range((int)g.PlotTop + 6, (int)(g.UpperBottom - g.PlotTop) - 6).Select(y => image.Pixel(x, y)).ToList();
        Assert.Contains(column, p => p.R > 220 && p.G > 220 && p.B > 220);
    }

    [Fact]
    public void RenderHistory_NoSeries_RendersNoDataImage()
    {
        var spec = Spec with { Price = [], OpenInterest = [], Funding = [], Quadrants = [] };

        var image = PngImage.Decode(Renderers.Default.RenderHistory(spec, CancellationToken.None).Png);

        Assert.Equal(720, image.Height);
        Assert.Null(HistoryPainter.Geometry(spec, 1280, 720));
    }

    [Fact]
    public void RenderHistory_OnlyOneFundingPointAndFlatPrice_StillRenders()
    {
        var spec = Spec with
        {
            Price = [new PricePoint(Synthetic.Start, 100m), new PricePoint(Synthetic.Start.AddHours(1), 100m)],
            OpenInterest = [],
            Funding = [new(Synthetic.Start.AddMinutes(30), 0m, null)],
        };

        Assert.True(PngImage.HasSignature(Renderers.Default.RenderHistory(spec, CancellationToken.None).Png));
    }

    /// <summary>The painter's zero-line y, recomputed the way it lays out the funding panel.</summary>
    private static double ZeroLine(HistoryGeometry g, HistoryChartSpec spec)
    {
        var rates = spec.Funding.Select(p => (double)p.Rate).ToList();
        var lo = Math.Min(0, rates.Min());
        var hi = Math.Max(0, rates.Max());
        var pad = (hi - lo) * 0.08;
        return new Scale(lo - pad, hi + pad, g.PlotBottom, g.LowerTop).Map(0);
    }
}
