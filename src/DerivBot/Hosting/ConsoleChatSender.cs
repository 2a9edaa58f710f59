using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Host.Hosting;

/// <summary>
/// The console "chat platform": what the demo posts to. It goes through the same outbox and the same reports as
/// Telegram and Discord; only the last step differs — plain text to stdout and images into the image folder.
/// </summary>
public sealed class ConsoleChatSender(
    ConsoleOutput output,
    PlainTextReportRenderer renderer,
    ImageFolder images,
    TimeProvider time) : IChatSender
{
    private int _sent;

    public ChatPlatform Platform => ChatPlatform.Console;

    /// <summary>Messages posted so far (the demo prints a summary).</summary>
    public int Sent => Volatile.Read(ref _sent);

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        var header = $"──── {to.ChatId} · {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC ────";
        var body = renderer.Render(message.Report);
        if (message.Image is not null)
        {
            var path = await images.SaveAsync(message.Image, cancellationToken).ConfigureAwait(false);
            body += $"[image: {path}]\n";
        }
        await output.WriteBlockAsync(header + "\n" + body, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
        return SendResult.Ok();
    }
}
