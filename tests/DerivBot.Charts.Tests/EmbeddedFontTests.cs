using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Localization;
using SkiaSharp;

namespace DerivBot.Charts.Tests;

/// <summary>
/// Charts need no installed font: the renderer draws with the subsets shipped in the assembly. CI runs this class a
/// second time with the system fonts hidden (a mount namespace with empty font folders, an empty fontconfig file and
/// DERIVBOT_SYSTEM_FONTS_HIDDEN=1), which proves it on a machine that has none.
/// </summary>
public sealed class EmbeddedFontTests
{
    private static bool SystemFontsHidden => Environment.GetEnvironmentVariable("DERIVBOT_SYSTEM_FONTS_HIDDEN") == "1";

    [Fact]
    public void Render_EveryLanguage_UsesTheEmbeddedTypefaceAndDrawsChinese()
    {
        var renderer = new SkiaChartRenderer(new ChartsOptions());
        if (SystemFontsHidden)
        {
            // The hiding worked: SkiaSharp's font manager finds no font at all that could draw Chinese.
            Assert.Null(SKFontManager.Default.MatchCharacter('清'));
            Assert.DoesNotContain(SKFontManager.Default.FontFamilies, f => f.Contains("CJK", StringComparison.OrdinalIgnoreCase));
        }

        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.True(renderer.UsesEmbeddedFont(language), $"{language}: {renderer.FontFamilyFor(language)}");
            var text = new ChartText("比特幣清算熱力圖 比特币清算热力图", "幣安", Synthetic.TraditionalChineseLabels(), language);
            var png = renderer.RenderHeatmap(Synthetic.Heatmap(text), CancellationToken.None).Png;
            Renderers.Dump($"embedded-{language}.png", png);
            Assert.True(TitleInk(PngImage.Decode(png)) > 600, $"{language}: the Chinese title drew too few pixels");
        }
        Assert.Equal("DerivBot Sans SC", renderer.FontFamilyFor(Language.ZhCn));
        Assert.Equal("DerivBot Sans TC", renderer.FontFamilyFor(Language.ZhTw));
    }

    [Fact]
    public void EmbeddedFonts_AreRenamedAndCarryTheirLicence()
    {
        var assembly = typeof(SkiaChartRenderer).Assembly;
        foreach (var region in new[] { "TC", "SC" })
        {
            var faces = FontFaces.EmbeddedFaces(region);
            Assert.Equal($"DerivBot Sans {region}", faces.Regular.FamilyName);
            Assert.Equal($"DerivBot Sans {region}", faces.Bold.FamilyName);
            Assert.True(faces.Bold.FontWeight >= (int)SKFontStyleWeight.Bold);
            Assert.False(faces.FakeBold);
        }
        using var licence = assembly.GetManifestResourceStream("DerivBot.Charts.Fonts.OFL.txt");
        Assert.NotNull(licence);
        var text = new StreamReader(licence).ReadToEnd();
        Assert.Contains("SIL OPEN FONT LICENSE Version 1.1", text, StringComparison.Ordinal);
        Assert.Contains("Adobe", text, StringComparison.Ordinal);
    }

    /// <summary>Bright pixels in the title band (the page is dark): real glyphs, where tofu boxes would be thin outlines.</summary>
    private static int TitleInk(PngImage image)
    {
        var ink = 0;
        for (var y = 14; y < 46; y++)
        {
            for (var x = 16; x < 500; x++)
            {
                ink += image.Pixel(x, y).R > 150 ? 1 : 0;
            }
        }
        return ink;
    }
}
