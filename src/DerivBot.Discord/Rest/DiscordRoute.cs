namespace DerivBot.Discord.Rest;

/// <summary>
/// One REST call. <see cref="Path"/> may hold an interaction token, so only <see cref="Name"/> is ever logged.
/// <see cref="RouteKey"/> is the method and template; with <see cref="Major"/> it identifies the rate-limit route,
/// because Discord scopes buckets by the top-level resource (channel id, webhook id + token).
/// </summary>
/// <param name="Major">The top-level resource the bucket is scoped by (channel id, webhook id + token hash), or empty.</param>
internal sealed record DiscordRoute(string Name, HttpMethod Method, string Path, string RouteKey, string Major, bool ExemptFromGlobalLimit)
{
    public static DiscordRoute GatewayBot() =>
        new("GetGatewayBot", HttpMethod.Get, "gateway/bot", "GET gateway/bot", "", false);

    public static DiscordRoute BulkOverwriteGlobalCommands(string applicationId) =>
        new("BulkOverwriteGlobalCommands", HttpMethod.Put, $"applications/{Id(applicationId)}/commands", "PUT applications/{id}/commands", "", false);

    public static DiscordRoute CreateMessage(string channelId) =>
        new("CreateMessage", HttpMethod.Post, $"channels/{Id(channelId)}/messages", "POST channels/{id}/messages", Id(channelId), false);

    // Interaction endpoints are not bound to the global limit (apis.md D.2).
    public static DiscordRoute InteractionCallback(string interactionId, string token) =>
        new("InteractionCallback", HttpMethod.Post, $"interactions/{Id(interactionId)}/{Uri.EscapeDataString(token)}/callback",
            "POST interactions/{id}/{token}/callback", Id(interactionId), true);

    public static DiscordRoute EditOriginalResponse(string applicationId, string token) =>
        new("EditOriginalResponse", HttpMethod.Patch, $"webhooks/{Id(applicationId)}/{Uri.EscapeDataString(token)}/messages/@original",
            "PATCH webhooks/{id}/{token}/messages/@original", Id(applicationId) + "/" + TokenKey(token), true);

    public static DiscordRoute DeleteOriginalResponse(string applicationId, string token) =>
        new("DeleteOriginalResponse", HttpMethod.Delete, $"webhooks/{Id(applicationId)}/{Uri.EscapeDataString(token)}/messages/@original",
            "DELETE webhooks/{id}/{token}/messages/@original", Id(applicationId) + "/" + TokenKey(token), true);

    public static DiscordRoute CreateFollowup(string applicationId, string token) =>
        new("CreateFollowup", HttpMethod.Post, $"webhooks/{Id(applicationId)}/{Uri.EscapeDataString(token)}?wait=true",
            "POST webhooks/{id}/{token}", Id(applicationId) + "/" + TokenKey(token), true);

    // Snowflakes are digits; anything else would let a crafted id walk the URL.
    private static string Id(string id) =>
        id.Length > 0 && id.All(char.IsAsciiDigit) ? id : throw new ArgumentException("A Discord id is a decimal snowflake.", nameof(id));

    // The webhook bucket is scoped by id + token; a stable hash keeps the token itself out of our dictionaries' keys.
    private static string TokenKey(string token) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..16];
}
