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
    public void TofuComparison_FontWithoutCjk_DetectsTofu()
    {
        // The comparison above can fail: with a Latin-only font both titles are the same row of boxes.
        Assert.True(CairoApi.TryLoad("libcairo.so.2", out var api, out _));
        byte[] Draw(string text)
        {
            using var canvas = new CairoCanvas(api!, "DejaVu Sans", 420, 60);
            canvas.FillRect(0, 0, 420, 60, ChartFrame.Page);
            canvas.SetFont(24, bold: true);
            canvas.Text(text, 16, 40, ChartFrame.TextMain);
            return canvas.ToPng();
        }

        var differing = DifferingPixels(PngImage.Decode(Draw(ZhTwTitle)), PngImage.Decode(Draw(TofuTitle)), 0, 10, 420, 50);

        Assert.True(differing < 40, $"{differing} pixels differ although both should be tofu");
    }

    [Fact]
    public void MissingGlyphs_ChosenFamilyVersusLatinOnly_CountsTofu()
    {
        Assert.True(CairoApi.TryLoad("libcairo.so.2", out var api, out _));
        using var cjk = new CairoCanvas(api!, Renderers.Default.FontFamily!, 8, 8);
        using var latin = new CairoCanvas(api!, "DejaVu Sans", 8, 8);

        Assert.Equal(0, cjk.MissingGlyphs("多單清算 空单清算 資金費率"));
        Assert.Equal(4, latin.MissingGlyphs("BTC 清算熱力"));
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
