using DerivBot.Core.Chat;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;

namespace DerivBot.Telegram.Tests;

/// <summary>The real Telegram sender against the loopback Bot API passes the chat sender contract.</summary>
public sealed class TelegramChatSenderContractTests : RefusingChatSenderContract
{
    protected override ChatPlatform Platform => ChatPlatform.Telegram;

    protected override async Task<ChatSenderUnderTest> CreateAsync()
    {
        var ctx = await TelegramTestContext.StartAsync(o => o.ChatBurst = 10);
        return new ChatSenderUnderTest(
            ctx.Sender,
            ctx.Registry,
            () => [.. ctx.Server.CallsTo("sendMessage").Select(c => (c.ChatId ?? "", c["text"] ?? ""))],
            chat => ctx.Server.Script("sendMessage", FakeReply.Forbidden("Forbidden: bot was kicked from the supergroup chat"), c => c.ChatId == chat.ChatId),
            // Any 400 on our HTML gets one plain-text resend, so "for good" is a 400 on both.
            chat => ctx.Server.Script("sendMessage", FakeReply.BadRequest("Bad Request: message is too long"), c => c.ChatId == chat.ChatId, times: 2),
            ctx);
    }
}
