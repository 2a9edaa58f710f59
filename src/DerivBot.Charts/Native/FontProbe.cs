using System.Runtime.InteropServices;

namespace DerivBot.Charts.Native;

/// <summary>
/// Asks fontconfig, in-process, which installed font a family name resolves to and whether that font covers the
/// Traditional and Simplified Chinese characters our labels use. cairo's toy text API resolves names through the
/// same fontconfig configuration, so the family found here is the one cairo draws with.
/// </summary>
internal static unsafe class FontProbe
{
    private const int MatchPattern = 0;
    private const int ResultMatch = 0;

    /// <summary>繁 體 萬 億 (Traditional), 简 体 万 亿 (Simplified), and Latin/digits for numbers.</summary>
    internal static readonly int[] RequiredCodepoints = [0x7E41, 0x9AD4, 0x842C, 0x5104, 0x7B80, 0x4F53, 0x4E07, 0x4EBF, 'A', 'z', '0', '9', '%', '$'];

    /// <summary>
    /// Returns the resolved family name of the first preference whose match covers every required codepoint,
    /// or null with <paramref name="error"/> describing what was tried.
    /// </summary>
    public static string? FindCjkFamily(string fontconfigLibrary, IReadOnlyList<string> preferences, out string? error)
    {
        if (!NativeLibrary.TryLoad(fontconfigLibrary, out var lib))
        {
            error = $"the fontconfig library '{fontconfigLibrary}' could not be loaded (install it: apt-get install libfontconfig1)";
            return null;
        }
        if (!TryExport(lib, "FcInit", out var fcInit) || !TryExport(lib, "FcNameParse", out var nameParse)
            || !TryExport(lib, "FcConfigSubstitute", out var substitute) || !TryExport(lib, "FcDefaultSubstitute", out var defaults)
            || !TryExport(lib, "FcFontMatch", out var fontMatch) || !TryExport(lib, "FcPatternGetString", out var getString)
            || !TryExport(lib, "FcPatternGetCharSet", out var getCharSet) || !TryExport(lib, "FcCharSetHasChar", out var hasChar)
            || !TryExport(lib, "FcPatternDestroy", out var destroy))
        {
            error = $"'{fontconfigLibrary}' is not a usable fontconfig library (missing exports)";
            return null;
        }
        if (((delegate* unmanaged<int>)fcInit)() == 0)
        {
            error = "fontconfig failed to initialise (no configuration found: install fontconfig-config)";
            return null;
        }
        var tried = new List<string>();
        var familyKey = CairoApi.Utf8Z("family");
        var charsetKey = CairoApi.Utf8Z("charset");
        foreach (var family in preferences)
        {
            if (string.IsNullOrWhiteSpace(family))
            {
                continue;
            }
            var name = CairoApi.Utf8Z(family);
            nint pattern;
            fixed (byte* n = name)
            {
                pattern = ((delegate* unmanaged<byte*, nint>)nameParse)(n);
            }
            if (pattern == 0)
            {
                tried.Add($"'{family}' (unparsable)");
                continue;
            }
            nint match = 0;
            try
            {
                ((delegate* unmanaged<nint, nint, int, int>)substitute)(0, pattern, MatchPattern);
                ((delegate* unmanaged<nint, void>)defaults)(pattern);
                int result;
                match = ((delegate* unmanaged<nint, nint, int*, nint>)fontMatch)(0, pattern, &result);
                if (match == 0)
                {
                    tried.Add($"'{family}' (no font at all)");
                    continue;
                }
                byte* resolved = null;
                fixed (byte* k = familyKey)
                {
                    if (((delegate* unmanaged<nint, byte*, int, byte**, int>)getString)(match, k, 0, &resolved) != ResultMatch)
                    {
                        resolved = null;
                    }
                }
                var resolvedName = resolved is null ? null : Marshal.PtrToStringUTF8((nint)resolved);
                nint charset = 0;
                fixed (byte* k = charsetKey)
                {
                    if (((delegate* unmanaged<nint, byte*, int, nint*, int>)getCharSet)(match, k, 0, &charset) != ResultMatch)
                    {
                        charset = 0;
                    }
                }
                var covers = charset != 0;
                foreach (var cp in RequiredCodepoints)
                {
                    covers = covers && ((delegate* unmanaged<nint, uint, int>)hasChar)(charset, (uint)cp) != 0;
                }
                if (covers && resolvedName is not null)
                {
                    error = null;
                    return resolvedName;
                }
                tried.Add($"'{family}' → '{resolvedName ?? "?"}' (no CJK glyphs)");
            }
            finally
            {
                if (match != 0)
                {
                    ((delegate* unmanaged<nint, void>)destroy)(match);
                }
                ((delegate* unmanaged<nint, void>)destroy)(pattern);
            }
        }
        error = "no installed font covers Chinese text: tried "
            + (tried.Count == 0 ? "no families (Charts:FontFamilies is empty)" : string.Join(", ", tried))
            + ". Install a CJK font (apt-get install fonts-noto-cjk or fonts-wqy-microhei) or set Charts:FontFamilies";
        return null;
    }

    private static bool TryExport(nint lib, string name, out nint address) => NativeLibrary.TryGetExport(lib, name, out address);
}
