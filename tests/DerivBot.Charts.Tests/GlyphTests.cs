using DerivBot.Charts.Native;
using DerivBot.Core.Charts;

namespace DerivBot.Charts.Tests;

/// <summary>Chinese labels must render as characters, never as "tofu" boxes.</summary>
public sealed class GlyphTests
{
    private const string ZhTwTitle = "比特幣清算熱力圖 BTCUSDT";

    /// <summary>The same number of characters, each a private-use codepoint no font has: guaranteed tofu.</summary>
    private static readonly string TofuTitle = new string('\uE000', 8) + " BTCUSDT";

    private static int DifferingPixels(PngImage a, PngImage b, int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var p = a.Pixel(x, y);
                var q = b.Pixel(x, y);
                if (Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B) > 60)
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static byte[] DrawTitle(string text)
    {
        using var canvas = new ChartCanvas(FontFaces.EmbeddedFaces("TC"), 420, 60);
        canvas.FillRect(0, 0, 420, 60, ChartFrame.Page);
        canvas.SetFont(24, bold: true);
        canvas.Text(text, 16, 40, ChartFrame.TextMain);
        return canvas.ToPng();
    }

    [Fact]
    public void RenderHeatmap_ZhTwTitle_DrawsGlyphsNotTofu()
    {
        var labels = Synthetic.TraditionalChineseLabels();
        var chinese = Renderers.Default.RenderHeatmap(Synthetic.Heatmap(new ChartText(ZhTwTitle, "幣安 U 本位合約", labels)), CancellationToken.None);
        var tofu = Renderers.Default.RenderHeatmap(Synthetic.Heatmap(new ChartText(TofuTitle, "幣安 U 本位合約", labels)), CancellationToken.None);
        Renderers.Dump("heatmap-zh-tw.png", chinese.Png);

        // The title occupies the top-left band; real glyphs differ from eight identical boxes in many pixels.
        var differing = DifferingPixels(PngImage.Decode(chinese.Png), PngImage.Decode(tofu.Png), 0, 10, 420, 50);
        Assert.True(differing > 400, $"only {differing} pixels differ between the Chinese title and tofu boxes");
    }

    [Fact]
    public void TofuComparison_TwoUncoveredTitles_LookAlike()
    {
        // The comparison above can fail: two titles the font cannot draw are the same row of boxes.
        var otherTofu = new string('\uE123', 8) + " BTCUSDT";

        var differing = DifferingPixels(PngImage.Decode(DrawTitle(TofuTitle)), PngImage.Decode(DrawTitle(otherTofu)), 0, 10, 420, 50);

        Assert.True(differing < 40, $"{differing} pixels differ although both should be tofu");
    }

    [Fact]
    public void MissingGlyphs_EmbeddedFaces_CoverChineseAndCountPrivateUse()
    {
        foreach (var region in new[] { "TC", "SC" })
        {
            using var canvas = new ChartCanvas(FontFaces.EmbeddedFaces(region), 8, 8);
            canvas.SetFont(12, bold: false);
            Assert.Equal(0, canvas.MissingGlyphs("多單清算 空单清算 資金費率 萬億万亿"));
            canvas.SetFont(12, bold: true);
            Assert.Equal(0, canvas.MissingGlyphs("多頭擁擠 多头拥挤"));
            Assert.Equal(4, canvas.MissingGlyphs("BTC \uE000\uE001\uE002\uE003"));
        }
    }

    [Fact]
    public void RenderHistory_SimplifiedChineseLabels_Render()
    {
        var labels = Synthetic.TraditionalChineseLabels();
        labels["LongCrowding"] = "多头拥挤";
        var chart = Renderers.Default.RenderHistory(Synthetic.History(new ChartText("比特币 · 7 天", "币安", labels)), CancellationToken.None);
        Renderers.Dump("history-zh-cn.png", chart.Png);

        Assert.Equal(1280, PngImage.Decode(chart.Png).Width);
    }
}
