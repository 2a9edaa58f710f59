using DerivBot.Core.Localization;

namespace DerivBot.Core.Chat;

public enum CommandOptionKind { Symbol, Text, Choice }

/// <summary>A command option, for Discord slash-command definitions and help texts.</summary>
public sealed record CommandOption(
    string Name,
    IReadOnlyDictionary<Language, string> Descriptions,
    CommandOptionKind Kind,
    bool Required,
    IReadOnlyList<string>? Choices = null);

/// <summary>A command the bot understands, with its localized descriptions (Telegram setMyCommands, Discord slash commands).</summary>
/// <param name="Name">1–32 lower-case letters, digits, underscores.</param>
/// <param name="ChangesSettings">True when, in groups and channels, only admins may run it.</param>
public sealed record CommandInfo(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<Language, string> Descriptions,
    bool ChangesSettings,
    IReadOnlyList<CommandOption> Options)
{
    /// <summary>
    /// The command's name as Chinese users see it in menus (Discord <c>name_localizations</c>), by language; empty when
    /// none. Chats always route by <see cref="Name"/>: platforms send the canonical name whatever the menu showed.
    /// </summary>
    public IReadOnlyDictionary<Language, string> LocalizedNames { get; init; } = new Dictionary<Language, string>();
}
