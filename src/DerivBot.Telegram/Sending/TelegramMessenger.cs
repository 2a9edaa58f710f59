using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Telegram.Api;
using DerivBot.Telegram.Formatting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Sending;

/// <summary>
/// Delivers reports to Telegram chats through the <see cref="TelegramOutbox"/> and applies the platform consequences:
/// 403 → chat marked inactive (ChatGone); 400 with migrate_to_chat_id → chat migrated in the registry and the message
/// resent there; 5xx/timeouts → retried with backoff; any other 400 on HTML → resent once as plain text and logged
/// (the renderer is built so that this never happens). Chat kind for pacing comes from the id: Telegram group,
/// supergroup and channel ids are negative, user ids positive.
/// </summary>
public sealed class TelegramMessenger(
    TelegramBotClient client,
    TelegramOutbox outbox,
    TelegramHtmlRenderer renderer,
    IChatRegistry registry,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramMessenger> logger)
{
    private const string Html = "HTML";
    private static readonly LinkPreviewOptions NoPreview = new(IsDisabled: true);

    /// <summary>Sends a reply (served before waiting broadcasts).</summary>
    public Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken) =>
        SendAsync(to, message, TelegramSendPriority.Reply, cancellationToken);

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        var keyboard = renderer.Keyboard(message.Report);
        var steps = new List<Step>();
        if (message.Image is { } image)
        {
            var layout = renderer.RenderPhoto(message.Report);
            steps.Add(new Step(layout.Caption, image, layout.FollowUps.Count == 0 ? keyboard : null));
            steps.AddRange(layout.FollowUps.Select((part, i) => new Step(part, null, i == layout.FollowUps.Count - 1 ? keyboard : null)));
        }
        else
        {
            var parts = renderer.RenderMessages(message.Report);
            steps.AddRange(parts.Select((part, i) => new Step(part, null, i == parts.Count - 1 ? keyboard : null)));
        }

        ChatAddress? migratedTo = null;
        var target = to;
        foreach (var step in steps)
        {
            var result = await SendStepAsync(target, step, message.Silent, priority, cancellationToken).ConfigureAwait(false);
            if (result.MigratedTo is { } moved)
            {
                migratedTo = moved;
                target = moved;
            }
            if (result.Status != SendStatus.Sent)
            {
                return result;
            }
        }
        return SendResult.Ok(migratedTo);
    }

    /// <summary>Edits a bot message in place (callback buttons): text via editMessageText, a photo via editMessageMedia.
    /// False when Telegram refused (e.g. the message is too old); the caller then sends a new message.</summary>
    public async Task<bool> EditAsync(ChatAddress chat, long messageId, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(message);
        var keyboard = renderer.Keyboard(message.Report);
        var chatId = new ChatId(chat.ChatId);
        string html;
        IReadOnlyList<string> rest;
        if (message.Image is { } image)
        {
            var layout = renderer.RenderPhoto(message.Report);
            html = layout.Caption;
            rest = layout.FollowUps;
            Func<string?, string?, TelegramRequest<System.Text.Json.JsonElement>> build = (text, mode) => new EditMessageMediaRequest
            {
                ChatId = chatId, MessageId = messageId, FileName = image.FileName, Photo = image.Png,
                Caption = text, ParseMode = mode, ReplyMarkup = rest.Count == 0 ? keyboard : null,
            };
            if (!await EditWithFallbackAsync(chat, build, html, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        else
        {
            var parts = renderer.RenderMessages(message.Report);
            html = parts[0];
            rest = parts.Skip(1).ToList();
            Func<string?, string?, TelegramRequest<System.Text.Json.JsonElement>> build = (text, mode) => new EditMessageTextRequest
            {
                ChatId = chatId, MessageId = messageId, Text = text ?? "", ParseMode = mode, LinkPreviewOptions = NoPreview,
                ReplyMarkup = rest.Count == 0 ? keyboard : null,
            };
            if (!await EditWithFallbackAsync(chat, build, html, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        for (var i = 0; i < rest.Count; i++)
        {
            await SendStepAsync(chat, new Step(rest[i], null, i == rest.Count - 1 ? keyboard : null), false, TelegramSendPriority.Reply, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task<bool> EditWithFallbackAsync(ChatAddress chat, Func<string?, string?, TelegramRequest<System.Text.Json.JsonElement>> build, string html, CancellationToken cancellationToken)
    {
        try
        {
            await RunPacedAsync(chat, TelegramSendPriority.Reply, build(html, Html), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TelegramApiException ex) when (ex.ErrorCode == 400)
        {
            // "message is not modified", a message too old to edit, or (never expected) rejected HTML: one plain try.
            logger.LogInformation("Telegram {Method} refused ({ErrorCode} {Description}); retrying once as plain text", ex.Method, ex.ErrorCode, ex.Description);
        }
        catch (TelegramApiException ex)
        {
            logger.LogWarning("Telegram {Method} failed: {ErrorCode} {Description}", ex.Method, ex.ErrorCode, ex.Description);
            return false;
        }
        try
        {
            await RunPacedAsync(chat, TelegramSendPriority.Reply, build(TelegramHtml.ToPlainText(html), null), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TelegramApiException ex)
        {
            logger.LogDebug("Telegram {Method} plain-text retry refused: {ErrorCode}", ex.Method, ex.ErrorCode);
            return false;
        }
    }

    private async Task<SendResult> SendStepAsync(ChatAddress to, Step step, bool silent, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        var target = to;
        ChatAddress? migratedTo = null;
        var plain = false;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await RunPacedAsync(target, priority, BuildSend(target, step, silent, plain), cancellationToken).ConfigureAwait(false);
                return SendResult.Ok(migratedTo);
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 403)
            {
                logger.LogInformation("Telegram chat {Chat} is gone ({ErrorCode} {Description}); marking it inactive", target, ex.ErrorCode, ex.Description);
                await registry.MarkInactiveAsync(target, ex.Description, cancellationToken).ConfigureAwait(false);
                return new SendResult(SendStatus.ChatGone, ex.Description, MigratedTo: migratedTo);
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 400 && ex.MigrateToChatId is { } newId && migratedTo is null)
            {
                var moved = target with { ChatId = newId.ToString(CultureInfo.InvariantCulture), ThreadId = null };
                logger.LogInformation("Telegram chat {From} became supergroup {To}; migrating and resending", target, moved);
                await registry.MigrateAsync(target, moved, cancellationToken).ConfigureAwait(false);
                target = moved;
                migratedTo = moved;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 400 && !plain)
            {
                // Keyed on the code, not the wording: any other 400 on our HTML gets exactly one plain-text resend.
                logger.LogWarning("Telegram {Method} to {Chat} refused ({ErrorCode} {Description}); resending once as plain text", ex.Method, target, ex.ErrorCode, ex.Description);
                plain = true;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 429)
            {
                return new SendResult(SendStatus.RetryLater, ex.Description, ex.RetryAfter, migratedTo);
            }
            catch (TelegramApiException ex)
            {
                logger.LogWarning("Telegram {Method} to {Chat} failed: {ErrorCode} {Description}", ex.Method, target, ex.ErrorCode, ex.Description);
                return new SendResult(ex.IsServerError ? SendStatus.RetryLater : SendStatus.Failed, ex.Description, MigratedTo: migratedTo);
            }
            catch (TelegramTransportException ex)
            {
                logger.LogWarning(ex, "Telegram send to {Chat} failed after retries", target);
                return new SendResult(SendStatus.RetryLater, ex.Message, MigratedTo: migratedTo);
            }
        }
        return new SendResult(SendStatus.Failed, "Telegram refused the message", MigratedTo: migratedTo);
    }

    private static TelegramRequest<Message> BuildSend(ChatAddress to, Step step, bool silent, bool plain)
    {
        var chatId = new ChatId(to.ChatId);
        long? thread = to.ThreadId is { } t && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
        var text = plain ? TelegramHtml.ToPlainText(step.Html) : step.Html;
        var mode = plain ? null : Html;
        if (step.Image is { } image)
        {
            return new SendPhotoRequest
            {
                ChatId = chatId, MessageThreadId = thread, FileName = image.FileName, Photo = image.Png,
                Caption = text, ParseMode = mode, DisableNotification = silent ? true : null, ReplyMarkup = step.Keyboard,
            };
        }
        return new SendMessageRequest
        {
            ChatId = chatId, MessageThreadId = thread, Text = text, ParseMode = mode, LinkPreviewOptions = NoPreview,
            DisableNotification = silent ? true : null, ReplyMarkup = step.Keyboard,
        };
    }

    private Task<T> RunPacedAsync<T>(ChatAddress chat, TelegramSendPriority priority, TelegramRequest<T> request, CancellationToken cancellationToken)
    {
        var isGroup = chat.ChatId.StartsWith('-') || chat.ChatId.StartsWith('@');
        return outbox.RunAsync(chat.ChatId, isGroup, ct => SendWithRetriesAsync(request, ct), priority, cancellationToken);
    }

    /// <summary>Retries 5xx and transport failures with exponential backoff (1 s, 2 s, 4 s …) on the injected clock.</summary>
    internal async Task<T> SendWithRetriesAsync<T>(TelegramRequest<T> request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < options.Value.MaxTransientRetries
                && (ex is TelegramTransportException || ex is TelegramApiException { IsServerError: true }))
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                logger.LogWarning("Telegram {Method} failed transiently ({Reason}); retry {Attempt} in {Delay}", request.MethodName, ex.Message, attempt + 1, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record Step(string Html, ChartImage? Image, InlineKeyboardMarkup? Keyboard);
}
