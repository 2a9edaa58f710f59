using System.ComponentModel.DataAnnotations;
using DerivBot.Core.Localization;
using Microsoft.Extensions.Options;

namespace DerivBot.Charts;

/// <summary>Chart rendering settings. Section: <c>Charts</c>.</summary>
public sealed class ChartsOptions
{
    public const string SectionName = "Charts";

    /// <summary>The families tried when <see cref="FontFamilies"/> is empty: all cover Traditional and Simplified Chinese.</summary>
    public static readonly IReadOnlyList<string> DefaultFontFamilies = ["Noto Sans CJK TC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"];

    /// <summary>
    /// Per-language defaults used when <see cref="FontFamiliesByLanguage"/> has no entry for a language: the regional
    /// Noto face (the same character is drawn the Simplified or the Traditional way), then WenQuanYi Micro Hei.
    /// English uses <see cref="FontFamilies"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<Language, IReadOnlyList<string>> DefaultLanguageFontFamilies =
        new Dictionary<Language, IReadOnlyList<string>>
        {
            [Language.ZhTw] = ["Noto Sans CJK TC", "WenQuanYi Micro Hei"],
            [Language.ZhCn] = ["Noto Sans CJK SC", "WenQuanYi Micro Hei"],
        };

    /// <summary>False turns charts off: every report is sent as text only. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Font families in order of preference (fontconfig names). The first one that resolves to a font covering
    /// Chinese is used for English charts and as the fallback for every language; without one, charts are off.
    /// Empty = <see cref="DefaultFontFamilies"/>.
    /// </summary>
    public string[] FontFamilies { get; set; } = [];

    /// <summary>
    /// Font families per chart language, keyed by language code (<c>en</c>, <c>zh-TW</c>, <c>zh-CN</c>; aliases such as
    /// <c>zh-Hant</c> work too), e.g. <c>Charts:FontFamiliesByLanguage:zh-CN:0 = "Noto Sans CJK SC"</c>. The first family
    /// covering Chinese wins; when none does, the language falls back to the <see cref="FontFamilies"/> choice.
    /// A language without an entry uses <see cref="DefaultLanguageFontFamilies"/> (English: <see cref="FontFamilies"/>).
    /// </summary>
    public Dictionary<string, string[]> FontFamiliesByLanguage { get; set; } = [];

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

    /// <summary>The preference list for <paramref name="language"/> before the <see cref="FontFamilies"/> fallback.</summary>
    internal IReadOnlyList<string> FontFamiliesFor(Language language)
    {
        foreach (var (code, families) in FontFamiliesByLanguage)
        {
            if (LanguageExtensions.TryParse(code, out var parsed) && parsed == language && families is { Length: > 0 })
            {
                return families;
            }
        }
        return DefaultLanguageFontFamilies.TryGetValue(language, out var defaults) ? defaults : EffectiveFontFamilies;
    }

    /// <summary>Keys of <see cref="FontFamiliesByLanguage"/> that name no language (a typo would silently do nothing).</summary>
    internal IEnumerable<string> UnknownLanguageKeys() =>
        FontFamiliesByLanguage.Keys.Where(code => !LanguageExtensions.TryParse(code, out _));
}

/// <summary>Rejects <see cref="ChartsOptions.FontFamiliesByLanguage"/> keys that are not language codes, naming the config key.</summary>
internal sealed class ChartsOptionsValidator : IValidateOptions<ChartsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChartsOptions options)
    {
        var unknown = options.UnknownLanguageKeys().ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                string.Join("; ", unknown.Select(k => $"{ChartsOptions.SectionName}:{nameof(ChartsOptions.FontFamiliesByLanguage)}:{k} is not a language code (use en, zh-TW or zh-CN)")));
    }
}
