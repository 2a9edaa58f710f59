using System.ComponentModel.DataAnnotations;

namespace DerivBot.Charts;

/// <summary>Chart rendering settings. Section: <c>Charts</c>.</summary>
public sealed class ChartsOptions
{
    public const string SectionName = "Charts";

    /// <summary>The families tried when <see cref="FontFamilies"/> is empty: all cover Traditional and Simplified Chinese.</summary>
    public static readonly IReadOnlyList<string> DefaultFontFamilies = ["Noto Sans CJK TC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"];

    /// <summary>False turns charts off: every report is sent as text only. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Font families in order of preference (fontconfig names). The first one that resolves to a font covering
    /// Chinese is used for all text. Empty = <see cref="DefaultFontFamilies"/>.
    /// </summary>
    public string[] FontFamilies { get; set; } = [];

    /// <summary>cairo's shared library: a name the loader searches for, or an absolute path. Default <c>libcairo.so.2</c>.</summary>
    [Required]
    public string CairoLibrary { get; set; } = "libcairo.so.2";

    /// <summary>fontconfig's shared library (to check for a CJK font at start). Default <c>libfontconfig.so.1</c>.</summary>
    [Required]
    public string FontconfigLibrary { get; set; } = "libfontconfig.so.1";

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

    internal IReadOnlyList<string> EffectiveFontFamilies => FontFamilies.Length == 0 ? DefaultFontFamilies : FontFamilies;
}
