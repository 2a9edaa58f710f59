using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Localization;

namespace DerivBot.Charts.Tests;

public sealed class VenueRenderTests
{
    private static VenueChartSpec Spec(Language language = Language.En, decimal? weighted = 0.000081m)
    {
        var labels = new Dictionary<string, string>
        {
            [ChartLabels.VenueShare] = language == Language.En ? "OI share" : "未平倉佔比",
            [ChartLabels.VenueFunding] = language == Language.En ? "Funding (8h-equivalent)" : "資金費率（8 小時等值）",
            [ChartLabels.Weighted] = language == Language.En ? "OI-weighted" : "未平倉加權",
            [ChartLabels.NoData] = "No data",
        };
        var title = language == Language.En ? "BTC · OI share and funding by venue" : "BTC · 各交易所未平倉佔比與資金費率";
        return new VenueChartSpec(
            new ChartText(title, "Sources: Binance · Bybit · OKX · Hyperliquid · Gate", labels, language),
            [
                new VenueBar("Binance", 0.40m, 0.0001m),
                new VenueBar("Bybit", 0.25m, 0.00008m),
                new VenueBar("OKX", 0.15m, -0.00002m),
                new VenueBar("Hyperliquid", 0.125m, 0.00012m),
                new VenueBar("Gate", 0.075m, null),
            ],
            weighted);
    }

    private static bool Near((byte R, byte G, byte B) actual, Rgba expected, int tolerance) =>
        Math.Abs(actual.R - (expected.R * 255)) <= tolerance
        && Math.Abs(actual.G - (expected.G * 255)) <= tolerance
        && Math.Abs(actual.B - (expected.B * 255)) <= tolerance;

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.ZhTw)]
    public void RenderVenues_FiveVenues_ShareBarsBlueFundingGreenOrRed(Language language)
    {
        var spec = Spec(language);
        var chart = Renderers.Default.RenderVenues(spec, CancellationToken.None);
        Renderers.Dump($"venues-{language}.png", chart.Png);
        var image = PngImage.Decode(chart.Png);
        var g = VenuePainter.Geometry(spec, spec.Width, spec.Height);

        Assert.Equal((1280, 720), (image.Width, image.Height));
        Assert.Equal("venues.png", chart.FileName);
        for (var i = 0; i < spec.Bars.Count; i++)
        {
            var bar = spec.Bars[i];
            var y = (int)g.RowCenter(i);
            // Halfway along each share bar: the share colour.
            var shareX = (int)g.Share.Map((double)bar.OiShare / 2);
            Assert.True(Near(image.Pixel(shareX, y), VenuePainter.ShareColor, 12), $"{bar.Venue} share: {image.Pixel(shareX, y)}");
            if (bar.EightHourRate is { } rate)
            {
                var fundX = (int)g.Fund.Map((double)rate / 2);
                var expected = rate > 0 ? HistoryPainter.FundingPositive : HistoryPainter.FundingNegative;
                Assert.True(Near(image.Pixel(fundX, y), expected, 12), $"{bar.Venue} funding: {image.Pixel(fundX, y)}");
            }
        }
        // A longer share bar reaches further right than a shorter one: Binance's end is blue, Gate's at the same x is not.
        var binanceEnd = (int)g.Share.Map(0.38);
        Assert.True(Near(image.Pixel(binanceEnd, (int)g.RowCenter(0)), VenuePainter.ShareColor, 12));
        Assert.False(Near(image.Pixel(binanceEnd, (int)g.RowCenter(4)), VenuePainter.ShareColor, 12));
        // The OI-weighted line crosses the funding panel between the rows (dashed: some of its pixels are amber).
        var wx = (int)Math.Round(g.Fund.Map(0.000081));
        var amber = Enumerable.Range((int)g.PlotTop, (int)(g.PlotBottom - g.PlotTop))
            .Count(yy => Near(image.Pixel(wx, yy), VenuePainter.WeightedColor, 40) || Near(image.Pixel(wx + 1, yy), VenuePainter.WeightedColor, 40));
        Assert.True(amber > 20, $"only {amber} weighted-line pixels");
    }

    [Fact]
    public void RenderVenues_NoBars_NoDataPageNotAnError()
    {
        var spec = Spec() with { Bars = [], WeightedEightHourRate = null };

        var chart = Renderers.Default.RenderVenues(spec, CancellationToken.None);

        Assert.True(PngImage.HasSignature(chart.Png));
    }
}
