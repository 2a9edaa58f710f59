using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord;

/// <summary>
/// Channel broadcasts: <c>POST /channels/{id}/messages</c> with embeds and the chart as an attachment, paced by the
/// REST client's rate limiting. A 429 Discord wants waited out longer than we will, or a 5xx/network failure that
/// outlasted the transport retries, comes back as <see cref="SendStatus.RetryLater"/> for the outbox. A 403/404 means the channel is gone for us: it is marked inactive (its subscriptions
/// stop) and the result is <see cref="SendStatus.ChatGone"/>.
/// </summary>
internal sealed class DiscordChatSender(
    DiscordRestClient rest,
    DiscordEmbedRenderer renderer,
    IChatRegistry registry,
    ILogger<DiscordChatSender> logger,
    TimeProvider? time = null,
    IQuizBook? quizzes = null) : IChatSender
{
    public ChatPlatform Platform => ChatPlatform.Discord;

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        if (to.Platform != ChatPlatform.Discord || to.ChatId.Length == 0 || !to.ChatId.All(char.IsAsciiDigit))
        {
            return new SendResult(SendStatus.Failed, $"{to} is not a Discord channel id");
        }
        if (!rest.HasToken)
        {
            return new SendResult(SendStatus.Failed, "Discord:BotToken is not configured");
        }
        var messages = renderer.Render(message.Report, message.Image, message.Silent);
        foreach (var m in messages)
        {
            try
            {
                await rest.SendAsync(DiscordRoute.CreateMessage(to.ChatId), m.Payload, m.Files, cancellationToken).ConfigureAwait(false);
                if (m.QuizId is { } quizId && quizzes is not null)
                {
                    // Posted: the quiz now takes answers here, and the reveal service will close it.
                    await quizzes.RecordPostAsync(quizId, to, null, (time ?? TimeProvider.System).GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DiscordApiException ex) when (ex.IsRateLimited)
            {
                return new SendResult(SendStatus.RetryLater, "rate limited", ex.RetryAfter);
            }
            catch (DiscordApiException ex) when (ex.Status is 403 or 404)
            {
                // 403 Missing Access/Permissions or 404 Unknown Channel: we cannot post there any more.
                var reason = $"Discord HTTP {ex.Status}{(ex.Code is { } c ? $" code {c}" : "")}";
                logger.LogWarning("Discord channel {Chat} is gone ({Reason}); marking it inactive", to, reason);
                await registry.MarkInactiveAsync(to, reason, cancellationToken).ConfigureAwait(false);
                return new SendResult(SendStatus.ChatGone, reason);
            }
            catch (DiscordApiException ex) when (ex.Status is 0 or >= 500)
            {
                // The transport layer already retried it (DiscordTransport.MaxTransientRetries): the outbox reschedules.
                logger.LogWarning(ex, "Discord send to {Chat} failed; will retry later", to);
                return new SendResult(SendStatus.RetryLater, ex.Status == 0 ? "network error" : $"Discord HTTP {ex.Status}", TimeSpan.FromSeconds(30));
            }
            catch (DiscordApiException ex)
            {
                logger.LogError(ex, "Discord send to {Chat} failed", to);
                return new SendResult(SendStatus.Failed, $"Discord HTTP {ex.Status}{(ex.Code is { } c ? $" code {c}" : "")}");
            }
        }
        return SendResult.Ok();
    }
}
