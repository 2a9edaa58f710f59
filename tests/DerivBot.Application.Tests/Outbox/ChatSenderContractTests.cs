using DerivBot.Core.Chat;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Outbox;

/// <summary>The shared fake passes the contract the Telegram, Discord and console senders pass.</summary>
public sealed class RecordingChatSenderContractTests : RefusingChatSenderContract
{
    protected override ChatPlatform Platform => ChatPlatform.Telegram;

    protected override Task<ChatSenderUnderTest> CreateAsync()
    {
        var registry = new InMemoryChatRegistry();
        var sender = new RecordingChatSender(Platform, registry);
        return Task.FromResult(new ChatSenderUnderTest(
            sender,
            registry,
            () => sender.Sent.Select(s => (s.To.ChatId, s.Message.Report.Title)).ToList(),
            chat => sender.Gone(chat),
            chat => sender.Refuse(chat)));
    }
}
