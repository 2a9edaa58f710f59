using DerivBot.Core.Charts;
using DerivBot.Core.Localization;

namespace DerivBot.Charts.Tests;

public sealed class DegradationTests
{
    private static SkiaChartRenderer NativeFails(Exception failure) =>
        new(new ChartsOptions(), () => throw failure, static (_, _) => null);

    [Fact]
    public void Constructor_NativeLibraryFailsToLoad_UnavailableNamingTheLibrary()
    {
        var renderer = NativeFails(new DllNotFoundException("Unable to load shared library 'libSkiaSharp'"));

        Assert.False(renderer.IsAvailable);
        Assert.Contains("libSkiaSharp", renderer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("failed to load", renderer.UnavailableReason, StringComparison.Ordinal);
        Assert.Null(renderer.FontFamily);
        Assert.Null(renderer.NativeVersion);
    }

    [Fact]
    public void Constructor_NativeTypeInitializerFails_UnavailableWithTheInnerMessage()
    {
        var renderer = NativeFails(new TypeInitializationException("SkiaSharp.SkiaApi", new DllNotFoundException("libSkiaSharp.so: wrong ELF class")));

        Assert.False(renderer.IsAvailable);
        Assert.Contains("wrong ELF class", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHeatmap_WhenUnavailable_ThrowsWithTheReason()
    {
        var renderer = NativeFails(new DllNotFoundException("no libSkiaSharp here"));

        var ex = Assert.Throws<InvalidOperationException>(() => renderer.RenderHeatmap(Synthetic.Heatmap(), CancellationToken.None));
        Assert.Contains("Charts are unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no libSkiaSharp here", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => renderer.RenderHistory(Synthetic.History(), CancellationToken.None));
    }

    [Fact]
    public void Constructor_Disabled_UnavailableSayingSo()
    {
        var renderer = new SkiaChartRenderer(new ChartsOptions { Enabled = false });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("Charts:Enabled", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultOptions_AvailableWithTheEmbeddedFontAndNativeVersion()
    {
        var renderer = new SkiaChartRenderer(new ChartsOptions());

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.Null(renderer.UnavailableReason);
        Assert.Equal("DerivBot Sans TC", renderer.FontFamily);
        Assert.True(renderer.UsesEmbeddedFont(Language.En));
        Assert.False(string.IsNullOrEmpty(renderer.NativeVersion));
    }

    [Fact]
    public void Constructor_OnlyMissingFamiliesConfigured_StillAvailableWithChineseGlyphs()
    {
        var renderer = new SkiaChartRenderer(new ChartsOptions { FontFamilies = ["No Such Font", "Neither This One"] });

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.True(renderer.UsesEmbeddedFont(Language.ZhTw));
        Assert.True(PngImage.HasSignature(renderer.RenderHeatmap(Synthetic.Heatmap(new ChartText("清算", "", Synthetic.TraditionalChineseLabels())), CancellationToken.None).Png));
    }
}
