using System.Collections.Concurrent;
using SkiaSharp;

namespace DerivBot.Charts.Native;

/// <summary>
/// A family's regular and bold typefaces, created once and shared by every render (SkiaSharp typefaces are immutable
/// and reference-counted atomically; each render makes its own <see cref="SKFont"/> from them).
/// </summary>
internal sealed class FontFaces
{
    /// <summary>Traditional and Simplified characters (繁體萬億 简体万亿) plus Latin and digits a chart font must have.</summary>
    internal const string CoverageProbe = "繁體萬億简体万亿Az09%$";

    private FontFaces(string family, SKTypeface regular, SKTypeface bold, bool fakeBold, bool embedded)
    {
        Family = family;
        Regular = regular;
        Bold = bold;
        FakeBold = fakeBold;
        IsEmbedded = embedded;
    }

    /// <summary>The family name the typefaces report.</summary>
    public string Family { get; }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>True when the family has no bold face and bold text is emboldened synthetically.</summary>
    public bool FakeBold { get; }

    /// <summary>True for the fonts shipped inside this assembly (DerivBot Sans TC/SC), false for an installed family.</summary>
    public bool IsEmbedded { get; }

    private static readonly ConcurrentDictionary<string, FontFaces> Embedded = new(StringComparer.Ordinal);

    /// <summary>
    /// The embedded subset of Noto Sans CJK for <paramref name="region"/> ("TC" or "SC"), loaded once per process from
    /// the assembly's resources (about 180 KB per face).
    /// </summary>
    public static FontFaces EmbeddedFaces(string region) => Embedded.GetOrAdd(region, r =>
        new FontFaces($"DerivBot Sans {r}", LoadEmbedded($"DerivBotSans{r}-Regular.otf"), LoadEmbedded($"DerivBotSans{r}-Bold.otf"),
            fakeBold: false, embedded: true));

    private static SKTypeface LoadEmbedded(string file)
    {
        var name = "DerivBot.Charts.Fonts." + file;
        using var stream = typeof(FontFaces).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font resource '{name}' is missing from DerivBot.Charts.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"SkiaSharp could not read the embedded font '{name}'.");
    }

    /// <summary>
    /// An installed family found by SkiaSharp's font manager, when it exists under that name (no silent substitute)
    /// and draws every <see cref="CoverageProbe"/> character; otherwise null with <paramref name="why"/> saying which.
    /// </summary>
    /// <param name="family">The family name asked for.</param>
    /// <param name="match">Finds an installed typeface by family and style (SkiaSharp's font manager; tests pass their own).</param>
    /// <param name="why">Why the family is not usable, when it is not.</param>
    public static FontFaces? Installed(string family, Func<string, SKFontStyle, SKTypeface?> match, out string why)
    {
        var regular = match(family, SKFontStyle.Normal);
        if (regular is null || !string.Equals(regular.FamilyName, family, StringComparison.OrdinalIgnoreCase))
        {
            regular?.Dispose();
            why = $"'{family}' (not installed)";
            return null;
        }
        var missing = MissingGlyphs(regular, CoverageProbe);
        if (missing > 0)
        {
            regular.Dispose();
            why = $"'{family}' ({missing} of {CoverageProbe.Length} test characters missing)";
            return null;
        }
        var bold = match(family, SKFontStyle.Bold);
        var fake = bold is null || bold.FontWeight < (int)SKFontStyleWeight.SemiBold
            || !string.Equals(bold.FamilyName, regular.FamilyName, StringComparison.OrdinalIgnoreCase);
        if (fake)
        {
            if (!ReferenceEquals(bold, regular))
            {
                bold?.Dispose();
            }
            bold = regular;
        }
        why = "";
        return new FontFaces(regular.FamilyName, regular, bold!, fake, embedded: false);
    }

    /// <summary>How many characters (code points) of <paramref name="text"/> <paramref name="typeface"/> has no glyph for.</summary>
    public static int MissingGlyphs(SKTypeface typeface, string text)
    {
        using var font = new SKFont(typeface);
        var missing = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (font.GetGlyph(rune.Value) == 0)
            {
                missing++;
            }
        }
        return missing;
    }
}
