using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Localization;

namespace DerivBot.Charts.Tests;

public sealed class OptionsStrikeRenderTests
{
    private static OptionsStrikeChartSpec Spec(Language language = Language.En)
    {
        var labels = new Dictionary<string, string>
        {
            [OptionsChartLabels.Calls] = language == Language.En ? "Calls" : "買權",
            [OptionsChartLabels.Puts] = language == Language.En ? "Puts" : "賣權",
            [OptionsChartLabels.Underlying] = language == Language.En ? "Underlying" : "標的",
            [OptionsChartLabels.MaxPain] = language == Language.En ? "Max pain" : "最大痛點",
            [OptionsChartLabels.Strike] = "Strike (USD)",
            [OptionsChartLabels.OpenInterest] = "Open interest (BTC)",
        };
        // Strikes 80k..120k every 5k: call OI grows with the strike, put OI shrinks; 115k has calls only, 85k puts only.
        var strikes = Enumerable.Range(0, 9).Select(i =>
        {
            var strike = 80_000m + (i * 5_000m);
            var calls = i == 1 ? 0m : 100m + (i * 50m);
            var puts = i == 7 ? 0m : 500m - (i * 50m);
            return new StrikeOpenInterest(strike, calls, puts);
        }).ToList();
        return new OptionsStrikeChartSpec(new ChartText("BTC options · open interest by strike", "Deribit · expiry 2026-12-25", labels, language),
            strikes, 101_000m, 95_000m);
    }

    private static (PngImage Image, OptionsGeometry Geometry) Render(OptionsStrikeChartSpec spec)
    {
        var chart = Renderers.Default.RenderOptionsStrikes(spec, CancellationToken.None);
        Renderers.Dump("options-strikes-" + spec.Text.Language + ".png", chart.Png);
        Assert.Equal("options-oi-by-strike.png", chart.FileName);
        return (PngImage.Decode(chart.Png), OptionsStrikePainter.Geometry(spec, spec.Width, spec.Height)!);
    }

    private static bool Near((byte R, byte G, byte B) actual, Rgba expected, int tolerance) =>
        Math.Abs(actual.R - (expected.R * 255)) <= tolerance
        && Math.Abs(actual.G - (expected.G * 255)) <= tolerance
        && Math.Abs(actual.B - (expected.B * 255)) <= tolerance;

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.ZhTw)]
    public void RenderOptionsStrikes_CallsAboveAxisGreen_PutsBelowRed(Language language)
    {
        var spec = Spec(language);
        var (image, g) = Render(spec);

        Assert.Equal((1280, 720), (image.Width, image.Height));
        // 110k (i = 6): calls 400 above the axis, puts 200 below it.
        var x = (int)g.X.Map(110_000);
        Assert.True(Near(image.Pixel(x, (int)g.ZeroY - 6), OptionsStrikePainter.CallColor, 20), $"call bar pixel {image.Pixel(x, (int)g.ZeroY - 6)}");
        Assert.True(Near(image.Pixel(x, (int)g.ZeroY + 6), OptionsStrikePainter.PutColor, 20), $"put bar pixel {image.Pixel(x, (int)g.ZeroY + 6)}");
        // The call bar reaches its height (400 coins) and not beyond.
        Assert.True(Near(image.Pixel(x, (int)g.Y.Map(400) + 3), OptionsStrikePainter.CallColor, 20));
        Assert.False(Near(image.Pixel(x, (int)g.Y.Map(400) - 6), OptionsStrikePainter.CallColor, 40));
    }

    [Fact]
    public void RenderOptionsStrikes_OneSidedStrikes_HaveNoBarOnTheEmptySide()
    {
        var (image, g) = Render(Spec());

        // 85k: puts only — nothing green above the axis; 115k: calls only — nothing red below.
        var x85 = (int)g.X.Map(85_000);
        var x115 = (int)g.X.Map(115_000);
        Assert.False(Near(image.Pixel(x85, (int)g.ZeroY - 8), OptionsStrikePainter.CallColor, 40));
        Assert.True(Near(image.Pixel(x85, (int)g.ZeroY + 8), OptionsStrikePainter.PutColor, 20));
        Assert.True(Near(image.Pixel(x115, (int)g.ZeroY - 8), OptionsStrikePainter.CallColor, 20));
        Assert.False(Near(image.Pixel(x115, (int)g.ZeroY + 8), OptionsStrikePainter.PutColor, 40));
    }

    [Fact]
    public void RenderOptionsStrikes_UnderlyingAndMaxPain_AreMarkedWithTheirColours()
    {
        var (image, g) = Render(Spec());

        bool ColumnHas(decimal value, Rgba colour)
        {
            var x = (int)Math.Round(g.X.Map((double)value));
            return Enumerable.Range((int)g.PlotTop + 60, (int)(g.PlotBottom - g.PlotTop) - 70)
                .Any(y => Enumerable.Range(x - 1, 3).Any(xx => Near(image.Pixel(xx, y), colour, 25)));
        }

        // 101k lies between bars (100k and 105k), 95k is a strike: both dashed lines are visible in their columns.
        Assert.True(ColumnHas(101_000m, OptionsStrikePainter.UnderlyingColor), "underlying line");
        Assert.True(ColumnHas(95_000m, OptionsStrikePainter.MaxPainColor), "max pain line");
    }

    [Fact]
    public void RenderOptionsStrikes_NoOpenInterest_RendersNoDataImage()
    {
        var spec = Spec() with { Strikes = [new StrikeOpenInterest(100_000m, 0m, 0m)] };

        var png = Renderers.Default.RenderOptionsStrikes(spec, CancellationToken.None).Png;

        Assert.True(PngImage.HasSignature(png));
        Assert.Null(OptionsStrikePainter.Geometry(spec, 1280, 720));
    }

    [Fact]
    public void Geometry_FarStrikes_AreLeftOutAroundTheUnderlying()
    {
        var spec = Spec() with { Strikes = [.. Spec().Strikes, new StrikeOpenInterest(400_000m, 10m, 0m), new StrikeOpenInterest(10_000m, 0m, 10m)] };
        var g = OptionsStrikePainter.Geometry(spec, 1280, 720)!;

        Assert.Equal(9, g.Bars.Count);
        Assert.True(g.X.To < 200_000);
    }
}
