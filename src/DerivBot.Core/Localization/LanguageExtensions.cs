using System.Globalization;

namespace DerivBot.Core.Localization;

public static class LanguageExtensions
{
    public static string ToCode(this Language language) => language switch
    {
        Language.ZhTw => "zh-TW",
        Language.ZhCn => "zh-CN",
        _ => "en",
    };

    public static CultureInfo ToCulture(this Language language) => CultureInfo.GetCultureInfo(language.ToCode());

    /// <summary>
    /// Parses a language code as users and platforms send it: <c>en</c>, <c>en-US</c>, <c>zh-TW</c>, <c>zh-Hant</c>,
    /// <c>zh-HK</c>, <c>zh_tw</c>, <c>tw</c>, <c>繁體</c> → ZhTw; <c>zh</c>, <c>zh-CN</c>, <c>zh-Hans</c>, <c>cn</c>, <c>简体</c> → ZhCn.
    /// </summary>
    public static bool TryParse(string? code, out Language language)
    {
        language = Language.En;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        var c = code.Trim().Replace('_', '-').ToLowerInvariant();
        switch (c)
        {
            case "zh-tw" or "zh-hant" or "zh-hk" or "zh-mo" or "tw" or "hant" or "繁體" or "繁体" or "繁體中文" or "繁中":
                language = Language.ZhTw;
                return true;
            case "zh" or "zh-cn" or "zh-hans" or "zh-sg" or "cn" or "hans" or "简体" or "簡體" or "简体中文" or "简中":
                language = Language.ZhCn;
                return true;
        }
        if (c == "en" || c.StartsWith("en-", StringComparison.Ordinal) || c == "english")
        {
            language = Language.En;
            return true;
        }
        if (c.StartsWith("zh-hant", StringComparison.Ordinal))
        {
            language = Language.ZhTw;
            return true;
        }
        if (c.StartsWith("zh", StringComparison.Ordinal))
        {
            language = Language.ZhCn;
            return true;
        }
        return false;
    }

    /// <summary>Best guess from a platform's user locale (Telegram <c>language_code</c>, Discord <c>locale</c>); English otherwise.</summary>
    public static Language FromPlatformLocale(string? locale) => TryParse(locale, out var l) ? l : Language.En;
}
