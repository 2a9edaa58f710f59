using DerivBot.Charts.Native;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using SkiaSharp;

namespace DerivBot.Charts;

/// <summary>
/// <see cref="IChartRenderer"/> over SkiaSharp. Checks once, in the constructor, that SkiaSharp's native library loads
/// and picks each language's fonts: an installed family the operator prefers (<see cref="ChartsOptions.FontFamilies"/>)
/// when it is there and covers Chinese, else the fonts shipped in this assembly — so charts need nothing installed.
/// Simplified and Traditional Chinese draw the same character differently, so each gets its regional face.
/// Thread-safe: the instance is immutable after construction, every render owns its bitmap and canvas, and the
/// typefaces are shared (SkiaSharp typefaces are immutable).
/// </summary>
public sealed class SkiaChartRenderer : IChartRenderer
{
    private readonly Dictionary<Language, FontFaces> _faces = [];
    private readonly int _defaultWidth;
    private readonly int _defaultHeight;

    public SkiaChartRenderer(ChartsOptions options)
        : this(options, static () => SkiaSharpVersion.Native.ToString(), static (family, style) => SKFontManager.Default.MatchFamily(family, style))
    {
    }

    /// <param name="options">The settings.</param>
    /// <param name="loadNative">Loads the native library and returns its version (tests simulate a failed load).</param>
    /// <param name="matchFamily">Finds an installed typeface (SkiaSharp's font manager; tests pass their own).</param>
    internal SkiaChartRenderer(ChartsOptions options, Func<string> loadNative, Func<string, SKFontStyle, SKTypeface?> matchFamily)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaultWidth = options.DefaultWidth;
        _defaultHeight = options.DefaultHeight;
        if (!options.Enabled)
        {
            UnavailableReason = "charts are disabled by configuration (Charts:Enabled = false)";
            return;
        }
        try
        {
            NativeVersion = loadNative();
            ResolveFaces(options, matchFamily);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            _faces.Clear();
            NativeVersion = null;
            UnavailableReason = "SkiaSharp's native library (libSkiaSharp) failed to load: " + (ex.InnerException ?? ex).Message
                + ". It ships in the SkiaSharp.NativeAssets.Linux.NoDependencies package for linux-x64/arm64 (glibc and musl); "
                + "check that the published output has runtimes/<rid>/native/libSkiaSharp.so for this machine";
        }
    }

    private void ResolveFaces(ChartsOptions options, Func<string, SKFontStyle, SKTypeface?> matchFamily)
    {
        var notes = new List<string>();
        var general = FirstInstalled(options.FontFamilies, matchFamily, notes);
        foreach (var language in Enum.GetValues<Language>())
        {
            // Operator's per-language choice, then the general choice, then the embedded regional face.
            _faces[language] = FirstInstalled(options.FontFamiliesFor(language), matchFamily, notes)
                ?? general
                ?? FontFaces.EmbeddedFaces(language == Language.ZhCn ? "SC" : "TC");
        }
        FontNotes = notes.Count == 0 ? null : "preferred fonts not used: " + string.Join(", ", notes.Distinct());
    }

    private static FontFaces? FirstInstalled(
        IReadOnlyList<string> families, Func<string, SKFontStyle, SKTypeface?> matchFamily, List<string> notes)
    {
        foreach (var family in families.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            var faces = FontFaces.Installed(family, matchFamily, out var why);
            if (faces is not null)
            {
                return faces;
            }
            notes.Add(why);
        }
        return null;
    }

    public bool IsAvailable => _faces.Count > 0;

    public string? UnavailableReason { get; }

    /// <summary>The font family English charts are drawn with, when available.</summary>
    public string? FontFamily => FontFamilyFor(Language.En);

    /// <summary>The font family charts in <paramref name="language"/> are drawn with, when available.</summary>
    public string? FontFamilyFor(Language language) => _faces.TryGetValue(language, out var faces) ? faces.Family : null;

    /// <summary>True when charts in <paramref name="language"/> are drawn with the fonts shipped in this assembly.</summary>
    public bool UsesEmbeddedFont(Language language) => _faces.TryGetValue(language, out var faces) && faces.IsEmbedded;

    /// <summary>Configured font families that were skipped (not installed, or not covering Chinese), for the start-up log.</summary>
    public string? FontNotes { get; private set; }

    /// <summary>The native Skia milestone SkiaSharp reports, when available.</summary>
    public string? NativeVersion { get; }

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

    private byte[] Render(int width, int height, Language language, Action<ChartCanvas> paint, CancellationToken ct)
    {
        if (!IsAvailable)
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
        using var canvas = new ChartCanvas(faces, width, height);
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
