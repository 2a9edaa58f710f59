using DerivBot.Core.Localization;

namespace DerivBot.Core.Charts;

/// <summary>A price at an instant (a line on a chart).</summary>
public readonly record struct PricePoint(DateTimeOffset Time, decimal Price);

/// <summary>Every piece of text a chart shows, already localized. Charts never look up wording.</summary>
/// <param name="Language">
/// The language the text is in. Renderers pick the font by it: the same Han character has different standard shapes in
/// Simplified (zh-CN) and Traditional (zh-TW) typography, so each gets its regional face.
/// </param>
public sealed record ChartText(
    string Title,
    string Subtitle,
    IReadOnlyDictionary<string, string> Labels,
    Language Language = Language.En);
