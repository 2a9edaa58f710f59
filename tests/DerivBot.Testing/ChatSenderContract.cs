using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Xunit;

namespace DerivBot.Testing;

/// <summary>
/// A chat sender under test: the sender, the registry it was given, what reached the platform, and (for senders that
/// can fail) how to make the platform refuse a chat.
/// </summary>
/// <param name="Delivered">What reached the platform so far, oldest first: the chat id and the text. A loopback server
/// records what it was sent, refused or not, so the contract reads it only for chats it did not script to fail.</param>
/// <param name="ScriptGone">Makes the platform answer the next send to that chat with "gone" (blocked, kicked, no access).</param>
/// <param name="ScriptRefused">Makes the platform refuse the next message to that chat for good: a 400 of the platform's kind on every attempt the sender makes for it.</param>
public sealed record ChatSenderUnderTest(
    IChatSender Sender,
    InMemoryChatRegistry Registry,
    Func<IReadOnlyList<(string ChatId, string Text)>> Delivered,
    Action<ChatAddress>? ScriptGone = null,
    Action<ChatAddress>? ScriptRefused = null,
    IAsyncDisposable? Owner = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// What every <see cref="IChatSender"/> does, the real ones (Telegram, Discord against their loopback servers; the
/// console) and <see cref="RecordingChatSender"/> alike: it names its platform; a report sent to a chat arrives once,
/// in that chat, with its title; sends to one chat arrive in order; and the registry is left alone when all goes well.
/// Senders that talk to a platform that can refuse also pass <see cref="RefusingChatSenderContract"/>.
/// </summary>
public abstract class ChatSenderContract
{
    /// <summary>The platform the sender under test serves.</summary>
    protected abstract ChatPlatform Platform { get; }

    /// <summary>A fresh sender writing to a fresh platform (nothing delivered yet) with a fresh registry.</summary>
    protected abstract Task<ChatSenderUnderTest> CreateAsync();

    /// <summary>A chat id valid on the platform (Telegram: a negative group id; Discord: a snowflake).</summary>
    protected virtual string ChatId(int n) => Platform == ChatPlatform.Telegram ? "-100" + (4_000 + n) : (1_100_000_000_000_000_000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected ChatAddress Chat(int n) => new(Platform, ChatId(n));

    protected static OutboundMessage Message(string title) => new(new Report(ReportKind.Info, title, [ParagraphBlock.Of("funding 0.0100 % per 8h")]));

    [Fact(Timeout = 60_000)]
    public async Task Platform_IsTheOneItServes()
    {
        await using var under = await CreateAsync();

        Assert.Equal(Platform, under.Sender.Platform);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_Report_SentAndDeliveredOnceToThatChatWithItsTitle()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();

        var result = await under.Sender.SendAsync(Chat(1), Message("BTCUSDT funding digest"), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Null(result.MigratedTo);
        var (chatId, text) = Assert.Single(under.Delivered());
        Assert.Equal(ChatId(1), chatId);
        Assert.Contains("BTCUSDT funding digest", text, StringComparison.Ordinal);
        Assert.Empty(under.Registry.Inactivated);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_SeveralToOneChat_DeliveredInOrder()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();

        foreach (var title in new[] { "first alert", "second alert", "third alert" })
        {
            Assert.Equal(SendStatus.Sent, (await under.Sender.SendAsync(Chat(2), Message(title), cts.Token)).Status);
        }

        var delivered = under.Delivered();
        Assert.Equal(3, delivered.Count);
        Assert.All(delivered, d => Assert.Equal(ChatId(2), d.ChatId));
        Assert.Contains("first alert", delivered[0].Text, StringComparison.Ordinal);
        Assert.Contains("second alert", delivered[1].Text, StringComparison.Ordinal);
        Assert.Contains("third alert", delivered[2].Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_TwoChats_EachGetsItsOwn()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();

        await under.Sender.SendAsync(Chat(3), Message("for three"), cts.Token);
        await under.Sender.SendAsync(Chat(4), Message("for four"), cts.Token);

        var delivered = under.Delivered();
        Assert.Contains("for three", Assert.Single(delivered, d => d.ChatId == ChatId(3)).Text, StringComparison.Ordinal);
        Assert.Contains("for four", Assert.Single(delivered, d => d.ChatId == ChatId(4)).Text, StringComparison.Ordinal);
    }
}

/// <summary>
/// What a sender to a platform that can refuse does on top of <see cref="ChatSenderContract"/>: a chat that is gone
/// comes back <see cref="SendStatus.ChatGone"/> with a reason, marked inactive in the registry by the sender itself; a
/// permanent refusal comes back <see cref="SendStatus.Failed"/> with a reason, the chat left active; after a gone chat
/// the next chat is served normally.
/// </summary>
public abstract class RefusingChatSenderContract : ChatSenderContract
{
    [Fact(Timeout = 60_000)]
    public async Task SendAsync_ChatGone_ChatGoneAndMarkedInactiveNothingDelivered()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();
        under.ScriptGone!(Chat(5));

        var result = await under.Sender.SendAsync(Chat(5), Message("never seen"), cts.Token);

        Assert.Equal(SendStatus.ChatGone, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Equal(Chat(5), Assert.Single(under.Registry.Inactivated).Chat);
        Assert.False((await under.Registry.GetOrCreateAsync(Chat(5), null, cts.Token)).Active);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_Refused_FailedChatStaysActive()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();
        under.ScriptRefused!(Chat(6));

        var result = await under.Sender.SendAsync(Chat(6), Message("refused one"), cts.Token);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Empty(under.Registry.Inactivated);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_AfterAGoneChat_NextChatServed()
    {
        await using var under = await CreateAsync();
        using var cts = TestTimeouts.NetworkToken();
        under.ScriptGone!(Chat(7));
        await under.Sender.SendAsync(Chat(7), Message("to the gone chat"), cts.Token);

        var result = await under.Sender.SendAsync(Chat(8), Message("to the live chat"), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Contains("to the live chat", Assert.Single(under.Delivered(), d => d.ChatId == ChatId(8)).Text, StringComparison.Ordinal);
        Assert.Equal(Chat(7), Assert.Single(under.Registry.Inactivated).Chat);
    }
}
