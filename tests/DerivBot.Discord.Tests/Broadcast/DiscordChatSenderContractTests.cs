using System.Text.Json;
using DerivBot.Core.Chat;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Broadcast;

/// <summary>The real Discord sender against the loopback REST API passes the chat sender contract.</summary>
public sealed class DiscordChatSenderContractTests : RefusingChatSenderContract
{
    protected override ChatPlatform Platform => ChatPlatform.Discord;

    private static string Messages(string channelId) => $"/api/v10/channels/{channelId}/messages";

    protected override async Task<ChatSenderUnderTest> CreateAsync()
    {
        var server = await FakeDiscordServer.StartAsync();
        var registry = new InMemoryChatRegistry();
        var logs = new CollectingLoggerProvider();
        var sender = new DiscordChatSender(Some.Rest(server, new ManualTimeProvider(), logs), new DiscordEmbedRenderer(), registry, logs.For<DiscordChatSender>());
        return new ChatSenderUnderTest(
            sender,
            registry,
            () => [.. server.RestRequests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(r => (ChannelOf(r.Path), EmbedText(r.BodyText)))],
            chat => server.Enqueue("POST", Messages(chat.ChatId), new FakeResponse(403, """{"message":"Missing Access","code":50001}""")),
            chat => server.Enqueue("POST", Messages(chat.ChatId), new FakeResponse(400, """{"message":"Invalid Form Body","code":50035}""")),
            server);
    }

    private static string ChannelOf(string path) => path.Split('/')[^2];

    /// <summary>The embed's title and description as sent (JSON-unescaped).</summary>
    private static string EmbedText(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var embed = doc.RootElement.GetProperty("embeds")[0];
        return string.Join('\n', new[] { "title", "description" }.Select(p => embed.TryGetProperty(p, out var v) ? v.GetString() : null).Where(v => v is not null));
    }
}
