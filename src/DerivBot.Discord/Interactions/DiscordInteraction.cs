using System.Globalization;
using System.Text.Json;

namespace DerivBot.Discord.Interactions;

/// <summary>The parts of an INTERACTION_CREATE we use (apis.md D.2). The token is a secret for 15 min: never logged.</summary>
internal sealed record DiscordInteraction(
    int Type,
    string Id,
    string Token,
    string? ApplicationId,
    string ChannelId,
    string? GuildId,
    string? UserId,
    ulong? MemberPermissions,
    string? Locale,
    string? GuildLocale,
    string? CommandName,
    IReadOnlyList<(string Name, string Value, bool Focused)> Options,
    string? CustomId)
{
    /// <summary>The user's display name: global_name, else username (the scoreboard never shows a bare id).</summary>
    public string? UserName { get; init; }

    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;

    /// <summary>In a guild we get <c>member</c>; in a DM, <c>user</c>.</summary>
    public bool InGuild => GuildId is not null;

    public static DiscordInteraction? Parse(JsonElement d)
    {
        if (d.ValueKind != JsonValueKind.Object
            || Str(d, "id") is not { } id || Str(d, "token") is not { } token
            || !d.TryGetProperty("type", out var t) || !t.TryGetInt32(out var type))
        {
            return null;
        }
        var channelId = Str(d, "channel_id")
            ?? (d.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.Object ? Str(ch, "id") : null);
        if (channelId is null)
        {
            return null;
        }
        string? userId = null;
        string? userName = null;
        ulong? permissions = null;
        if (d.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object)
        {
            if (member.TryGetProperty("user", out var mu) && mu.ValueKind == JsonValueKind.Object)
            {
                userId = Str(mu, "id");
                userName = Str(mu, "global_name") ?? Str(mu, "username");
            }
            // A decimal string: the member's total permissions in this channel, overwrites included.
            permissions = ulong.TryParse(Str(member, "permissions"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        }
        else if (d.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object)
        {
            userId = Str(user, "id");
            userName = Str(user, "global_name") ?? Str(user, "username");
        }

        string? name = null;
        string? customId = null;
        var options = new List<(string, string, bool)>();
        if (d.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            name = Str(data, "name");
            customId = Str(data, "custom_id");
            CollectOptions(data, options);
        }
        return new DiscordInteraction(type, id, token, Str(d, "application_id"), channelId, Str(d, "guild_id"), userId, permissions,
            Str(d, "locale"), Str(d, "guild_locale"), name, options, customId) { UserName = userName };
    }

    private static void CollectOptions(JsonElement container, List<(string, string, bool)> into)
    {
        if (!container.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var option in options.EnumerateArray())
        {
            if (Str(option, "name") is not { } name)
            {
                continue;
            }
            if (option.TryGetProperty("value", out var value))
            {
                var text = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString() ?? "",
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => "",
                };
                var focused = option.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True;
                into.Add((name, text, focused));
            }
            else
            {
                // Sub-commands and groups nest their options.
                CollectOptions(option, into);
            }
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
