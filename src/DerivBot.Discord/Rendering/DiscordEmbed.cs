using System.Text.Json.Nodes;
using DerivBot.Discord.Rest;

namespace DerivBot.Discord.Rendering;

/// <summary>One embed as we will send it. Every string is already trimmed and within its limit.</summary>
internal sealed record DiscordEmbed(
    string Title,
    string? Description,
    IReadOnlyList<DiscordEmbedField> Fields,
    string? Footer,
    int Color,
    string? ImageFileName)
{
    /// <summary>The characters Discord counts towards the 6000 total (title, description, field names and values, footer).</summary>
    public int Length => Title.Length + (Description?.Length ?? 0) + Fields.Sum(f => f.Name.Length + f.Value.Length) + (Footer?.Length ?? 0);

    public JsonObject ToJson()
    {
        var embed = new JsonObject { ["title"] = Title, ["color"] = Color };
        if (Description is not null)
        {
            embed["description"] = Description;
        }
        if (Fields.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var f in Fields)
            {
                fields.Add(new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["inline"] = f.Inline });
            }
            embed["fields"] = fields;
        }
        if (Footer is not null)
        {
            embed["footer"] = new JsonObject { ["text"] = Footer };
        }
        if (ImageFileName is not null)
        {
            embed["image"] = new JsonObject { ["url"] = "attachment://" + ImageFileName };
        }
        return embed;
    }
}

internal sealed record DiscordEmbedField(string Name, string Value, bool Inline);

/// <summary>One message: its JSON payload (embeds, components, attachments, allowed_mentions, flags) and files.</summary>
internal sealed record DiscordMessage(DiscordEmbed Embed, JsonObject Payload, IReadOnlyList<DiscordFile> Files)
{
    /// <summary>The quiz whose answer buttons this message carries, or null: once posted, the quiz book is told.</summary>
    public string? QuizId { get; init; }
}
