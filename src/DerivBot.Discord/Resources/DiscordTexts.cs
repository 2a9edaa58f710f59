using System.Resources;
using DerivBot.Core.Localization;

namespace DerivBot.Discord.Resources;

/// <summary>The only wording the Discord adapter owns (everything else comes from the dispatcher's reports).</summary>
internal static class DiscordTexts
{
    private static readonly ResourceManager Resources = new("DerivBot.Discord.Resources.DiscordTexts", typeof(DiscordTexts).Assembly);

    /// <summary>The ephemeral answer to a button whose command this version of the bot does not know.</summary>
    public static string StaleButton(Language language) =>
        Resources.GetString("StaleButton", language.ToCulture()) ?? throw new InvalidOperationException("Missing resource StaleButton.");
}
