using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Discord.Commands;

/// <summary>
/// Builds the global CHAT_INPUT command list (apis.md D.2) from the dispatcher's <see cref="CommandInfo"/>s:
/// English descriptions with zh-TW/zh-CN <c>description_localizations</c>, string options (symbols autocomplete,
/// choices listed), admin-only commands carrying <see cref="AdminPermissions"/>, usable in guilds and in DMs.
/// </summary>
internal static partial class DiscordCommandDefinitions
{
    /// <summary>
    /// <c>default_member_permissions</c> for commands that change settings: MANAGE_GUILD (1 &lt;&lt; 5). Discord can only
    /// require ALL listed bits, so we pick the one bit most admins have; administrators always pass, and server owners
    /// can widen it per command (Server Settings → Integrations). The runtime check (8, 32 or 16) stays authoritative.
    /// </summary>
    public const string AdminPermissions = "32";

    public const int MaxCommands = 100;
    public const int DescriptionLimit = 100;
    public const int MaxChoices = 25;

    /// <summary>Option type STRING: every argument is text that the dispatcher parses.</summary>
    private const int StringOption = 3;

    public static JsonArray Build(IReadOnlyList<CommandInfo> commands)
    {
        var array = new JsonArray();
        foreach (var command in commands)
        {
            if (array.Count == MaxCommands)
            {
                break;
            }
            if (!IsValidName(command.Name))
            {
                continue;
            }
            var json = new JsonObject
            {
                ["name"] = command.Name,
                ["type"] = 1,
                ["description"] = Description(command.Descriptions, command.Name),
            };
            if (Localizations(command.Descriptions) is { } loc)
            {
                json["description_localizations"] = loc;
            }
            if (NameLocalizations(command.LocalizedNames) is { } names)
            {
                json["name_localizations"] = names;
            }
            var options = new JsonArray();
            // Discord rejects a required option after an optional one; argument order is restored when we dispatch.
            foreach (var option in command.Options.Where(IsUsable).OrderBy(o => o.Required ? 0 : 1).Take(25))
            {
                options.Add(Option(option));
            }
            if (options.Count > 0)
            {
                json["options"] = options;
            }
            if (command.ChangesSettings)
            {
                json["default_member_permissions"] = AdminPermissions;
            }
            // 0 = GUILD, 1 = BOT_DM (personal alerts in DMs); installed to guilds only.
            json["contexts"] = new JsonArray(0, 1);
            json["integration_types"] = new JsonArray(0);
            array.Add(json);
        }
        return array;
    }

    /// <summary>SHA-256 over the application id and the exact JSON we would send.</summary>
    public static string Hash(string applicationId, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(applicationId + "\n" + json)));

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    private static bool IsUsable(CommandOption option) => IsValidName(option.Name);

    private static JsonObject Option(CommandOption option)
    {
        var json = new JsonObject
        {
            ["type"] = StringOption,
            ["name"] = option.Name,
            ["description"] = Description(option.Descriptions, option.Name),
            ["required"] = option.Required,
        };
        if (Localizations(option.Descriptions) is { } loc)
        {
            json["description_localizations"] = loc;
        }
        if (option.Kind == CommandOptionKind.Symbol)
        {
            json["autocomplete"] = true;
        }
        else if (option.Kind == CommandOptionKind.Choice && option.Choices is { Count: > 0 } choices)
        {
            var list = new JsonArray();
            foreach (var choice in choices.Where(c => c.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal).Take(MaxChoices))
            {
                list.Add(new JsonObject { ["name"] = choice, ["value"] = choice });
            }
            json["choices"] = list;
        }
        return json;
    }

    private static string Description(IReadOnlyDictionary<Language, string> descriptions, string fallback)
    {
        var text = descriptions.TryGetValue(Language.En, out var en) && !string.IsNullOrWhiteSpace(en)
            ? en
            : descriptions.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? fallback;
        return Clip(text);
    }

    private static JsonObject? Localizations(IReadOnlyDictionary<Language, string> descriptions)
    {
        var json = new JsonObject();
        foreach (var language in new[] { Language.ZhTw, Language.ZhCn })
        {
            if (descriptions.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                json[language.ToCode()] = Clip(text);
            }
        }
        return json.Count == 0 ? null : json;
    }

    /// <summary>
    /// zh-TW / zh-CN menu names. Discord allows letters of any script in CHAT_INPUT names (lower-case where the script
    /// has case), 1–32 characters, no spaces; a name that does not fit is left out rather than failing the whole PUT.
    /// </summary>
    private static JsonObject? NameLocalizations(IReadOnlyDictionary<Language, string> names)
    {
        var json = new JsonObject();
        foreach (var language in new[] { Language.ZhTw, Language.ZhCn })
        {
            if (names.TryGetValue(language, out var name) && LocalizedNamePattern().IsMatch(name) && name == name.ToLowerInvariant())
            {
                json[language.ToCode()] = name;
            }
        }
        return json.Count == 0 ? null : json;
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex LocalizedNamePattern();

    private static string Clip(string text)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length <= DescriptionLimit ? text : text[..(DescriptionLimit - 1)].TrimEnd() + "…";
    }

    // CHAT_INPUT names: 1–32 lower-case letters, digits, '-' or '_' (we only register ASCII names).
    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();
}
