using System.ComponentModel.DataAnnotations;
using DerivBot.Core.Localization;

namespace DerivBot.Charts;

/// <summary>Chart rendering settings. Section: <c>Charts</c>.</summary>
public sealed class ChartsOptions
{
    public const string SectionName = "Charts";

    /// <summary>False turns charts off: every report is sent as text only. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Installed font families to prefer over the embedded fonts, in order (names as SkiaSharp's font manager knows
    /// them, e.g. "Noto Sans CJK TC"). The first one that is installed and covers Chinese is used for every chart
    /// language without its own entry in <see cref="FontFamiliesByLanguage"/>. Empty (default) = the fonts shipped in
    /// the assembly: DerivBot Sans TC (English, zh-TW) and DerivBot Sans SC (zh-CN), subsets of Noto Sans CJK.
    /// </summary>
    public string[] FontFamilies { get; set; } = [];

    /// <summary>
    /// Installed font families per chart language, keyed by language code (<c>en</c>, <c>zh-TW</c>, <c>zh-CN</c>; aliases
    /// such as <c>zh-Hant</c> work too), e.g. <c>Charts:FontFamiliesByLanguage:zh-CN:0 = "Noto Sans CJK SC"</c>. The first
    /// family installed and covering Chinese wins; when none does, the language uses the <see cref="FontFamilies"/>
    /// choice, then its embedded regional font (Simplified and Traditional Chinese draw the same character differently).
    /// </summary>
    public Dictionary<string, string[]> FontFamiliesByLanguage { get; set; } = [];

    /// <summary>Image width in pixels when a chart spec asks for 0. Default 1280.</summary>
    [Range(MinSize, MaxSize)]
    public int DefaultWidth { get; set; } = 1280;

    /// <summary>Image height in pixels when a chart spec asks for 0. Default 720.</summary>
    [Range(MinSize, MaxSize)]
    public int DefaultHeight { get; set; } = 720;

    /// <summary>Smallest accepted width or height, in pixels.</summary>
    public const int MinSize = 320;

    /// <summary>Largest accepted width or height, in pixels (4096² ARGB32 is 64 MiB of surface).</summary>
    public const int MaxSize = 4096;

    /// <summary>The operator's preference list for <paramref name="language"/> (empty when none was configured).</summary>
    internal IReadOnlyList<string> FontFamiliesFor(Language language)
    {
        foreach (var (code, families) in FontFamiliesByLanguage)
        {
            if (LanguageExtensions.TryParse(code, out var parsed) && parsed == language && families is { Length: > 0 })
            {
                return families;
            }
        }
        return [];
    }

    /// <summary>Keys of <see cref="FontFamiliesByLanguage"/> that name no language (a typo would silently do nothing).</summary>
    internal IEnumerable<string> UnknownLanguageKeys() =>
        FontFamiliesByLanguage.Keys.Where(code => !LanguageExtensions.TryParse(code, out _));
}
