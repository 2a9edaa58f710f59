using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace DerivBot.Charts.Tests;

/// <summary>Simplified and Traditional Chinese charts are drawn with their own regional faces; operators may prefer installed fonts.</summary>
public sealed class LanguageFontTests
{
    /// <summary>Characters present in both faces whose standard shapes differ between SC and TC typography.</summary>
    private const string RegionalTitle = "直骨角令 清算";

    private static ChartText Text(Language language) =>
        new(RegionalTitle, "BTCUSDT", Synthetic.TraditionalChineseLabels(), language);

    private static int DifferingPixels(PngImage a, PngImage b, int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var p = a.Pixel(x, y);
                var q = b.Pixel(x, y);
                count += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B) > 60 ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>
    /// A font manager that "has" one installed family: the embedded SC face under its own name. Lets the preference
    /// logic be tested the same on machines with and without system fonts.
    /// </summary>
    private static SKTypeface? OneInstalledFamily(string family, SKFontStyle style)
    {
        var faces = FontFaces.EmbeddedFaces("SC");
        return family == "DerivBot Sans SC" ? (style.Weight >= (int)SKFontStyleWeight.SemiBold ? faces.Bold : faces.Regular) : null;
    }

    private static SkiaChartRenderer WithInstalled(ChartsOptions options) =>
        new(options, static () => "test", OneInstalledFamily);

    [Fact]
    public void FontFamilyFor_DefaultOptions_EmbeddedRegionalFaces()
    {
        var renderer = Renderers.Default;

        Assert.Equal("DerivBot Sans SC", renderer.FontFamilyFor(Language.ZhCn));
        Assert.Equal("DerivBot Sans TC", renderer.FontFamilyFor(Language.ZhTw));
        Assert.Equal("DerivBot Sans TC", renderer.FontFamilyFor(Language.En));
        Assert.All(Enum.GetValues<Language>(), l => Assert.True(renderer.UsesEmbeddedFont(l)));
        Assert.Null(renderer.FontNotes);
    }

    [Fact]
    public void RenderHeatmap_SameTitleZhCnVersusZhTw_GlyphShapesDiffer()
    {
        var renderer = Renderers.Default;
        var cn = renderer.RenderHeatmap(Synthetic.Heatmap(Text(Language.ZhCn)), CancellationToken.None).Png;
        var tw = renderer.RenderHeatmap(Synthetic.Heatmap(Text(Language.ZhTw)), CancellationToken.None).Png;
        var twAgain = renderer.RenderHeatmap(Synthetic.Heatmap(Text(Language.ZhTw)), CancellationToken.None).Png;
        Renderers.Dump("heatmap-title-zh-cn.png", cn);
        Renderers.Dump("heatmap-title-zh-tw.png", tw);

        // Same text, same layout: only the face differs, so the title band differs and nothing is random.
        Assert.Equal(tw, twAgain);
        var differing = DifferingPixels(PngImage.Decode(cn), PngImage.Decode(tw), 0, 10, 200, 50);
        Assert.True(differing > 40, $"only {differing} title pixels differ between the SC and TC renders");
    }

    [Fact]
    public void FontFamilyFor_InstalledFamilyConfiguredPerLanguageWithAlias_UsesIt()
    {
        var renderer = WithInstalled(new ChartsOptions { FontFamiliesByLanguage = new() { ["zh-Hant"] = ["DerivBot Sans SC"] } });

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.Equal("DerivBot Sans SC", renderer.FontFamilyFor(Language.ZhTw));
        Assert.False(renderer.UsesEmbeddedFont(Language.ZhTw));
        Assert.True(renderer.UsesEmbeddedFont(Language.En));
        Assert.True(PngImage.HasSignature(renderer.RenderHeatmap(Synthetic.Heatmap(Text(Language.ZhTw)), CancellationToken.None).Png));
    }

    [Fact]
    public void FontFamilyFor_GeneralInstalledFamily_UsedForEveryLanguage()
    {
        var renderer = WithInstalled(new ChartsOptions { FontFamilies = ["Missing Sans", "DerivBot Sans SC"] });

        Assert.All(Enum.GetValues<Language>(), l => Assert.Equal("DerivBot Sans SC", renderer.FontFamilyFor(l)));
        Assert.Contains("'Missing Sans' (not installed)", renderer.FontNotes, StringComparison.Ordinal);
    }

    [Fact]
    public void FontFamilyFor_ConfiguredFamilyNotInstalled_FallsBackToTheEmbeddedFontAndSaysSo()
    {
        // The real font manager: a family no machine has (the manager may offer a substitute under another name).
        var renderer = new SkiaChartRenderer(new ChartsOptions
        {
            FontFamilies = ["DerivBot Missing Family"],
            FontFamiliesByLanguage = new() { ["zh-CN"] = ["Another Missing Family"] },
        });

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.Equal("DerivBot Sans TC", renderer.FontFamilyFor(Language.ZhTw));
        Assert.Equal("DerivBot Sans SC", renderer.FontFamilyFor(Language.ZhCn));
        Assert.Contains("'DerivBot Missing Family' (not installed)", renderer.FontNotes, StringComparison.Ordinal);
        Assert.Contains("'Another Missing Family' (not installed)", renderer.FontNotes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCharts_UnknownLanguageKey_FailsValidationNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Charts:FontFamiliesByLanguage:klingon:0"] = "Noto Sans CJK SC",
        }).Build();
        await using var sp = new ServiceCollection().AddCharts(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<ChartsOptions>>().Value);
        Assert.Contains("Charts:FontFamiliesByLanguage:klingon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCharts_PerLanguageSection_Binds()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Charts:FontFamiliesByLanguage:zh-CN:0"] = "Noto Sans CJK SC",
            ["Charts:FontFamiliesByLanguage:zh-CN:1"] = "WenQuanYi Micro Hei",
        }).Build();
        await using var sp = new ServiceCollection().AddCharts(configuration).BuildServiceProvider();

        var options = sp.GetRequiredService<IOptions<ChartsOptions>>().Value;

        Assert.Equal(["Noto Sans CJK SC", "WenQuanYi Micro Hei"], options.FontFamiliesFor(Language.ZhCn));
        Assert.Empty(options.FontFamiliesFor(Language.ZhTw));
    }
}
