using System.Collections.Concurrent;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// The one fake <see cref="IChatSender"/>: records what it delivered, and answers each send from <see cref="Respond"/>
/// (default: sent). Like the real senders it applies the platform consequence itself: a <see cref="SendStatus.ChatGone"/>
/// outcome marks the chat inactive through the registry it was given; only <see cref="SendStatus.Sent"/> is recorded as
/// delivered. <see cref="Respond"/> may throw, as a transport failure would. <see cref="ChatSenderContract"/> holds it
/// to the real senders' behaviour.
/// </summary>
public sealed class RecordingChatSender(ChatPlatform platform, IChatRegistry? registry = null) : IChatSender
{
    private int _attempts;

    public ChatPlatform Platform => platform;

    /// <summary>Messages delivered, in the order they were sent.</summary>
    public ConcurrentQueue<(ChatAddress To, OutboundMessage Message)> Sent { get; } = new();

    /// <summary>Every call, delivered or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The scripted outcome of a send (may throw).</summary>
    public Func<ChatAddress, OutboundMessage, SendResult> Respond { get; set; } = (_, _) => SendResult.Ok();

    /// <summary>Scripts <paramref name="chat"/> as gone (blocked / kicked); other chats keep the current answer.</summary>
    public void Gone(ChatAddress chat, string detail = "bot was blocked by the user") => Answer(chat, new SendResult(SendStatus.ChatGone, detail));

    /// <summary>Scripts a permanent refusal for <paramref name="chat"/>; other chats keep the current answer.</summary>
    public void Refuse(ChatAddress chat, string detail = "message refused") => Answer(chat, new SendResult(SendStatus.Failed, detail));

    private void Answer(ChatAddress chat, SendResult result)
    {
        var previous = Respond;
        Respond = (to, message) => to == chat ? result : previous(to, message);
    }

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _attempts);
        var result = Respond(to, message);
        switch (result.Status)
        {
            case SendStatus.Sent:
                Sent.Enqueue((result.MigratedTo ?? to, message));
                break;
            case SendStatus.ChatGone when registry is not null:
                await registry.MarkInactiveAsync(to, result.Detail ?? "chat gone", cancellationToken).ConfigureAwait(false);
                break;
        }
        return result;
    }
}
