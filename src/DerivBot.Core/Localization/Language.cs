namespace DerivBot.Core.Localization;

/// <summary>The languages every report, lesson and error message exists in.</summary>
public enum Language
{
    /// <summary>English (default).</summary>
    En,
    /// <summary>Traditional Chinese (繁體), Taiwan conventions: 萬/億.</summary>
    ZhTw,
    /// <summary>Simplified Chinese (简体), mainland conventions: 万/亿.</summary>
    ZhCn,
}
