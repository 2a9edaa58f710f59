using DerivBot.Core.Charts;

namespace DerivBot.Charts.Tests;

public sealed class DegradationTests
{
    [Fact]
    public void Constructor_CairoLibraryAbsent_UnavailableWithInstallHint()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { CairoLibrary = "libcairo-that-does-not-exist.so.9" });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("libcairo-that-does-not-exist.so.9", renderer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("apt-get install libcairo2", renderer.UnavailableReason, StringComparison.Ordinal);
        Assert.Null(renderer.FontFamily);
    }

    [Fact]
    public void RenderHeatmap_WhenUnavailable_ThrowsWithTheReason()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { CairoLibrary = "/nonexistent/libcairo.so.2" });

        var ex = Assert.Throws<InvalidOperationException>(() => renderer.RenderHeatmap(Synthetic.Heatmap(), CancellationToken.None));
        Assert.Contains("Charts are unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/libcairo.so.2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => renderer.RenderHistory(Synthetic.History(), CancellationToken.None));
    }

    [Fact]
    public void Constructor_OnlyLatinFontConfigured_UnavailableNamingCjkPackages()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { FontFamilies = ["DejaVu Sans"] });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("'DejaVu Sans'", renderer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("fonts-noto-cjk", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FontconfigAbsent_Unavailable()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { FontconfigLibrary = "libfontconfig-missing.so.1" });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("libfontconfig-missing.so.1", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NotACairoLibrary_Unavailable()
    {
        // A real library without cairo's exports: loading works, binding does not.
        var renderer = new CairoChartRenderer(new ChartsOptions { CairoLibrary = "libfontconfig.so.1" });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("not a usable cairo library", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Disabled_UnavailableSayingSo()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { Enabled = false });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("Charts:Enabled", renderer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultOptions_AvailableWithCjkFamily()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions());

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.Null(renderer.UnavailableReason);
        Assert.Contains("CJK", renderer.FontFamily, StringComparison.Ordinal);
        Assert.StartsWith("1.", renderer.CairoVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FirstPreferenceMissing_FallsBackToNextCjkFamily()
    {
        var renderer = new CairoChartRenderer(new ChartsOptions { FontFamilies = ["DejaVu Sans", "WenQuanYi Micro Hei"] });

        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        Assert.Equal("WenQuanYi Micro Hei", renderer.FontFamily);
        Assert.True(PngImage.HasSignature(renderer.RenderHeatmap(Synthetic.Heatmap(new ChartText("清算", "", Synthetic.TraditionalChineseLabels())), CancellationToken.None).Png));
    }
}
