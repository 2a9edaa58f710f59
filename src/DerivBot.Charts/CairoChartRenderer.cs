using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Charts;

/// <summary>
/// <see cref="IChartRenderer"/> over cairo. Probes once, in the constructor: cairo loads, fontconfig resolves a font
/// covering Chinese, and cairo draws that font without missing glyphs. Any failure leaves the renderer unavailable
/// with a reason that says what is missing and how to install it; reports then go out as text.
/// Each chart language gets its own font (<see cref="FontFamilyFor"/>): Simplified and Traditional Chinese draw the same
/// character differently.
/// Thread-safe: the instance is immutable after the probe and every render owns its surface and context; the font
/// faces are created once here and shared (cairo faces are immutable and atomically reference-counted).
/// </summary>
public sealed class CairoChartRenderer : IChartRenderer
{
    /// <summary>Traditional and Simplified characters (繁體萬億 简体万亿) cairo must draw with a chart font.</summary>
    private const string CjkProbeText = "繁體萬億简体万亿";

    private readonly CairoApi? _cairo;
    private readonly Dictionary<Language, FontFaces> _faces = [];
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
        var missing = MissingGlyphs(cairo!, family);
        if (missing > 0)
        {
            UnavailableReason = $"cairo draws {missing} of 8 Chinese test characters as missing glyphs with font '{family}'. "
                + "Install fonts-noto-cjk or set Charts:FontFamilies";
            return;
        }
        var general = FontFaces.Create(cairo!, family);
        foreach (var language in Enum.GetValues<Language>())
        {
            // A language whose preferred faces are missing still gets a chart, in the general font.
            var own = FontProbe.FindCjkFamily(options.FontconfigLibrary, options.FontFamiliesFor(language), out _);
            _faces[language] = own is null || own == family || MissingGlyphs(cairo!, own) > 0 ? general : FontFaces.Create(cairo!, own);
        }
        _cairo = cairo;
        FontFamily = family;
        CairoVersion = cairo!.Version;
    }

    private static int MissingGlyphs(CairoApi cairo, string family)
    {
        using var probe = new CairoCanvas(cairo, family, 8, 8);
        return probe.MissingGlyphs(CjkProbeText);
    }

    public bool IsAvailable => _cairo is not null;

    public string? UnavailableReason { get; }

    /// <summary>The font family English charts are drawn with and every language falls back to (resolved by fontconfig), when available.</summary>
    public string? FontFamily { get; }

    /// <summary>The font family charts in <paramref name="language"/> are drawn with, when available.</summary>
    public string? FontFamilyFor(Language language) => _faces.TryGetValue(language, out var faces) ? faces.Family : FontFamily;

    /// <summary>cairo's version string, when available.</summary>
    public string? CairoVersion { get; }

    public ChartImage RenderHeatmap(HeatmapChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateGrid(spec);
        var png = Render(spec.Width, spec.Height, spec.Text.Language, canvas => HeatmapPainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("liquidation-heatmap.png", png, AltText(spec.Text));
    }

    public ChartImage RenderHistory(HistoryChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Render(spec.Width, spec.Height, spec.Text.Language, canvas => HistoryPainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("history.png", png, AltText(spec.Text));
    }

    public ChartImage RenderVenues(VenueChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Render(spec.Width, spec.Height, spec.Text.Language, canvas => VenuePainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("venues.png", png, AltText(spec.Text));
    }

    public ChartImage RenderOptionsStrikes(OptionsStrikeChartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Render(spec.Width, spec.Height, spec.Text.Language, canvas => OptionsStrikePainter.Paint(canvas, spec, cancellationToken), cancellationToken);
        return new ChartImage("options-oi-by-strike.png", png, AltText(spec.Text));
    }

    private byte[] Render(int width, int height, Language language, Action<CairoCanvas> paint, CancellationToken ct)
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
        var faces = _faces.TryGetValue(language, out var f) ? f : _faces[Language.En];
        using var canvas = new CairoCanvas(_cairo, faces, width, height);
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
