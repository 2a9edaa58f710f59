using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Charts;

/// <summary>
/// <see cref="IChartRenderer"/> over cairo. Probes once, in the constructor: cairo loads, fontconfig resolves a font
/// covering Chinese, and cairo draws that font without missing glyphs. Any failure leaves the renderer unavailable
/// with a reason that says what is missing and how to install it; reports then go out as text.
/// Thread-safe: the instance is immutable after the probe and every render owns its surface and context.
/// </summary>
public sealed class CairoChartRenderer : IChartRenderer
{
    private readonly CairoApi? _cairo;
    private readonly int _defaultWidth;
    private readonly int _defaultHeight;

    public CairoChartRenderer(ChartsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaultWidth = options.DefaultWidth;
        _defaultHeight = options.DefaultHeight;
        if (!options.Enabled)
        {
            UnavailableReason = "charts are disabled by configuration (Charts:Enabled = false)";
            return;
        }
        if (!CairoApi.TryLoad(options.CairoLibrary, out var cairo, out var cairoError))
        {
            UnavailableReason = $"cairo is missing: {cairoError}. Install it (Debian/Ubuntu: apt-get install libcairo2) "
                + "or set Charts:CairoLibrary to the library's path";
            return;
        }
        var family = FontProbe.FindCjkFamily(options.FontconfigLibrary, options.EffectiveFontFamilies, out var fontError);
        if (family is null)
        {
            UnavailableReason = fontError;
            return;
        }
        // fontconfig and cairo should agree; if cairo still draws tofu for Chinese, say so rather than send boxes.
        using (var probe = new CairoCanvas(cairo!, family, 8, 8))
        {
            var missing = probe.MissingGlyphs("繁體萬億简体万亿");
            if (missing > 0)
            {
                UnavailableReason = $"cairo draws {missing} of 8 Chinese test characters as missing glyphs with font '{family}'. "
                    + "Install fonts-noto-cjk or set Charts:FontFamilies";
                return;
            }
        }
        _cairo = cairo;
        FontFamily = family;
        CairoVersion = cairo!.Version;
    }

    public bool IsAvailable => _cairo is not null;

    public string? UnavailableReason { get; }

    /// <summary>The font family every label is drawn with (resolved by fontconfig), when available.</summary>
    public string? FontFamily { get; }

    /// <summary>cairo's version string, when available.</summary>
    public string? CairoVersion { get; }

    public ChartImage RenderHeatmap(HeatmapChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateGrid(spec);
        var png = Render(spec.Width, spec.Height, canvas => HeatmapPainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("liquidation-heatmap.png", png, AltText(spec.Text));
    }

    public ChartImage RenderHistory(HistoryChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Render(spec.Width, spec.Height, canvas => HistoryPainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("history.png", png, AltText(spec.Text));
    }

    private byte[] Render(int width, int height, Action<CairoCanvas> paint, CancellationToken ct)
    {
        if (_cairo is null || FontFamily is null)
        {
            throw new InvalidOperationException("Charts are unavailable: " + UnavailableReason);
        }
        width = width == 0 ? _defaultWidth : width;
        height = height == 0 ? _defaultHeight : height;
        if (width is < ChartsOptions.MinSize or > ChartsOptions.MaxSize || height is < ChartsOptions.MinSize or > ChartsOptions.MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(width),
                $"Chart size {width}×{height} is outside {ChartsOptions.MinSize}..{ChartsOptions.MaxSize} pixels per side.");
        }
        ct.ThrowIfCancellationRequested();
        using var canvas = new CairoCanvas(_cairo, FontFamily, width, height);
        paint(canvas);
        ct.ThrowIfCancellationRequested();
        return canvas.ToPng();
    }

    private static void ValidateGrid(HeatmapChartSpec spec)
    {
        var g = spec.Grid ?? throw new ArgumentException("The heatmap spec has no grid.", nameof(spec));
        var cells = (long)g.Times.Count * g.BucketCount;
        if (g.BucketCount < 0 || (g.Times.Count > 0 && g.BucketCount > 0 && g.BucketSize <= 0))
        {
            throw new ArgumentException($"Invalid grid: {g.BucketCount} buckets of size {g.BucketSize}.", nameof(spec));
        }
        if (g.LongNotional.Length != cells || g.ShortNotional.Length != cells)
        {
            throw new ArgumentException(
                $"Invalid grid: {g.Times.Count} times × {g.BucketCount} buckets = {cells} cells, but {g.LongNotional.Length} long and {g.ShortNotional.Length} short values.",
                nameof(spec));
        }
        for (var i = 1; i < g.Times.Count; i++)
        {
            if (g.Times[i] <= g.Times[i - 1])
            {
                throw new ArgumentException($"Invalid grid: column times must increase (column {i}).", nameof(spec));
            }
        }
    }

    private static string AltText(ChartText text) =>
        string.IsNullOrWhiteSpace(text.Subtitle) ? text.Title : text.Title + " — " + text.Subtitle;
}
