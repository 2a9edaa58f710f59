using DerivBot.Core.Charts;
using DerivBot.Core.Signals;

namespace DerivBot.Charts.Tests;

public sealed class HeatmapRenderTests
{
    private static readonly HeatmapChartSpec Spec = Synthetic.Heatmap();

    private static (PngImage Image, HeatmapGeometry Geometry) Render(HeatmapChartSpec spec)
    {
        var chart = Renderers.Default.RenderHeatmap(spec, CancellationToken.None);
        Renderers.Dump($"heatmap-{spec.Width}x{spec.Height}.png", chart.Png);
        return (PngImage.Decode(chart.Png), HeatmapPainter.Geometry(spec, spec.Width, spec.Height)!);
    }

    /// <summary>Pixel at the centre of grid cell (column, bucket).</summary>
    private static (byte R, byte G, byte B) Cell(PngImage image, HeatmapGeometry g, int column, int bucket)
    {
        var time = Synthetic.Start.AddMinutes((15 * column) + 7.5);
        var price = (double)(Synthetic.PriceMin + ((bucket + 0.5m) * Synthetic.BucketSize));
        return image.Pixel((int)g.X.Map(time), (int)g.Y.Map(price));
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(800, 450)]
    public void RenderHeatmap_SyntheticGrid_IsPngOfRequestedSize(int width, int height)
    {
        var chart = Renderers.Default.RenderHeatmap(Synthetic.Heatmap(width: width, height: height), CancellationToken.None);

        Assert.True(PngImage.HasSignature(chart.Png));
        var image = PngImage.Decode(chart.Png);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal("liquidation-heatmap.png", chart.FileName);
        Assert.Contains("BTCUSDT liquidation heatmap", chart.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHeatmap_BiggestClusterCell_IsYellow()
    {
        var (image, g) = Render(Spec);

        // The long cluster at its largest (last columns) saturates the scale: viridis' top is yellow (253, 231, 37).
        var (r, gr, b) = Cell(image, g, Synthetic.Columns - 3, Synthetic.LongBucket);
        Assert.True(r > 200 && gr > 200 && b < 90, $"expected yellow, got ({r},{gr},{b})");
    }

    [Fact]
    public void RenderHeatmap_EmptyCell_IsDarkPurpleBackground()
    {
        var (image, g) = Render(Spec);

        // Bucket 110 never holds a level; viridis' bottom is dark purple (68, 1, 84).
        var (r, gr, b) = Cell(image, g, 10, 110);
        Assert.InRange(r, 58, 78);
        Assert.InRange(gr, 0, 12);
        Assert.InRange(b, 74, 94);
    }

    [Fact]
    public void RenderHeatmap_ClusterStillGrowing_IsBetweenPurpleAndYellow()
    {
        var (image, g) = Render(Spec);

        // Early in its build-up the short cluster is mid-scale: green/teal, clearly neither background nor yellow.
        var early = Cell(image, g, Synthetic.ClusterFromColumn + 20, Synthetic.ShortBucket);
        Assert.True(early.G > 80 && early.R < 200, $"expected a mid-scale colour, got {early}");
    }

    [Fact]
    public void RenderHeatmap_PriceLine_IsDrawnWhiteOverTheCells()
    {
        var (image, g) = Render(Spec);

        var point = Spec.PriceLine[150];
        var x = (int)Math.Round(g.X.Map(point.Time));
        var y = g.Y.Map((double)point.Price);
        // The 2-px line is anti-aliased: at least one of the rows around its centre is near white.
        var brightest = Enumerable.Range(-1, 3).Select(d => image.Pixel(x, (int)Math.Round(y) + d)).Max(p => Math.Min(p.R, Math.Min(p.G, p.B)));
        Assert.True(brightest > 225, $"expected the white price line at ({x},{y:F1}), brightest min-channel {brightest}");
        // And it is not white a little above it (the background is there).
        var above = image.Pixel(x, (int)Math.Round(y) - 12);
        Assert.True(above.R < 120, $"expected background above the line, got {above}");
    }

    [Fact]
    public void RenderHeatmap_MarkPrice_HasOrangeTagOnThePriceAxis()
    {
        var (image, g) = Render(Spec);

        var y = (int)Math.Round(g.Y.Map((double)Spec.MarkPrice));
        var (r, gr, b) = image.Pixel((int)g.PlotRight + 6, y);
        Assert.True(r > 230 && gr is > 80 and < 140 && b < 90, $"expected the orange mark tag, got ({r},{gr},{b})");
    }

    [Fact]
    public void RenderHeatmap_NoColumnsAndNoPrice_RendersNoDataImage()
    {
        var empty = new LiquidationLevelGrid([], 0m, 1m, 0, [], []);
        var spec = Spec with { Grid = empty, PriceLine = [], Clusters = [], MarkPrice = 0m };

        var image = PngImage.Decode(Renderers.Default.RenderHeatmap(spec, CancellationToken.None).Png);

        Assert.Equal(1280, image.Width);
        Assert.Null(HeatmapPainter.Geometry(spec, 1280, 720));
    }

    [Fact]
    public void RenderHeatmap_GridValuesDoNotMatchShape_ThrowsClearArgumentException()
    {
        var grid = Synthetic.Grid();
        var broken = grid with { LongNotional = grid.LongNotional[..^1] };

        var ex = Assert.Throws<ArgumentException>(() => Renderers.Default.RenderHeatmap(Spec with { Grid = broken }, CancellationToken.None));
        Assert.Contains("96 times × 120 buckets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHeatmap_SizeOutOfRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Renderers.Default.RenderHeatmap(Spec with { Width = 100_000 }, CancellationToken.None));
    }

    [Fact]
    public void RenderHeatmap_ZeroSize_UsesConfiguredDefaultSize()
    {
        var renderer = new SkiaChartRenderer(new ChartsOptions { DefaultWidth = 640, DefaultHeight = 360 });

        var image = PngImage.Decode(renderer.RenderHeatmap(Spec with { Width = 0, Height = 0 }, CancellationToken.None).Png);

        Assert.Equal((640, 360), (image.Width, image.Height));
    }

    [Fact]
    public void RenderHeatmap_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Renderers.Default.RenderHeatmap(Spec, cts.Token));
    }

    [Fact]
    public void ColourScale_ManyCells_TopsOutBelowTheSingleOutlier()
    {
        var grid = Synthetic.Grid();
        grid.LongNotional[(50 * Synthetic.Buckets) + 45] = 10_000_000_000m;

        var (scaleMax, trueMax) = HeatmapPainter.ColourScale(grid);

        Assert.Equal(10_000_000_000d + 800_000d * 0, trueMax, 1);
        Assert.True(scaleMax < trueMax / 10, $"scale max {scaleMax} should ignore the outlier");
    }

    [Fact]
    public void RenderHeatmap_SweptBand_OutlinedInSideColour()
    {
        // A short band in an empty region (62,400–62,600; bucket 110 never holds a level), swept 02:30–05:00.
        var band = new SweptBand(Core.Markets.PositionSide.Short, 62_400m, 62_600m, Synthetic.Start.AddMinutes(150), Synthetic.Start.AddMinutes(300), 0.42m);
        var spec = Spec with { Sweeps = [band] };
        var (image, g) = Render(spec);
        var (plain, _) = Render(Spec);

        var px = (int)g.X.Map(Synthetic.Start.AddMinutes(200));
        var py = (int)Math.Round(g.Y.Map(62_600));
        var (r, gr, b) = image.Pixel(px, py);
        Assert.True(r > 200 && gr < 130 && b < 140, $"expected the short colour on the band's top edge, got ({r},{gr},{b})");
        var (r0, _, _) = plain.Pixel(px, py);
        Assert.True(r0 < 120, $"without the sweep the edge pixel is background, got red {r0}");
    }
}
