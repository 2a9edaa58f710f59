namespace DerivBot.Discord.Rest;

/// <summary>A file sent as <c>files[n]</c> in a multipart request.</summary>
/// <param name="Description">Alt text (attachment <c>description</c>).</param>
internal sealed record DiscordFile(string FileName, byte[] Content, string ContentType, string? Description);
