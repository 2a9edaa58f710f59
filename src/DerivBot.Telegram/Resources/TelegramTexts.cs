using System.Globalization;
using System.Resources;
using DerivBot.Core.Localization;

namespace DerivBot.Telegram.Resources;

/// <summary>The only wording the Telegram adapter owns (everything else comes from the dispatcher's reports).</summary>
internal static class TelegramTexts
{
    private static readonly ResourceManager Resources = new("DerivBot.Telegram.Resources.TelegramTexts", typeof(TelegramTexts).Assembly);

    public static string SlowDown(Language language, int perMinute)
    {
        var culture = language.ToCulture();
        var format = Resources.GetString("SlowDown", culture) ?? throw new InvalidOperationException("Missing resource SlowDown.");
        return string.Format(culture, format, perMinute.ToString(CultureInfo.InvariantCulture));
    }
}
