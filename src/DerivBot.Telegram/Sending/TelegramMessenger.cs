using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Telegram.Api;
using DerivBot.Telegram.Formatting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace DerivBot.Telegram.Sending;

/// <summary>
/// Delivers reports to Telegram chats through the <see cref="TelegramSendQueue"/> and applies the platform consequences:
/// 403 → chat marked inactive (ChatGone); 400 with migrate_to_chat_id → chat migrated in the registry and the message
/// resent there; 5xx/timeouts → retried with backoff; any other 400 on HTML → resent once as plain text and logged
/// (the renderer is built so that this never happens). Chat kind for pacing comes from the id: Telegram group,
/// supergroup and channel ids are negative, user ids positive.
/// </summary>
public sealed class TelegramMessenger(
    ITelegramBotClient client,
    TelegramSendQueue sendQueue,
    TelegramHtmlRenderer renderer,
    IChatRegistry registry,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramMessenger> logger,
    IQuizBook? quizzes = null)
{
    /// <summary>One Bot API call, built afresh for every attempt (an upload stream is read once). The mode is
    /// <see cref="ParseMode.Html"/>, or <see cref="ParseMode.None"/> for the plain-text fallback.</summary>
    private delegate Task<Message> Call(string? text, ParseMode mode, CancellationToken cancellationToken);

    /// <summary>Sends a reply (served before waiting broadcasts).</summary>
    public Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, CancellationToken cancellationToken) =>
        SendAsync(to, message, TelegramSendPriority.Reply, cancellationToken);

    public async Task<SendResult> SendAsync(ChatAddress to, OutboundMessage message, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Report.Quiz() is { } quiz)
        {
            return await SendQuizAsync(to, quiz, message.Silent, priority, cancellationToken).ConfigureAwait(false);
        }
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
        var id = checked((int)messageId);
        string html;
        IReadOnlyList<string> rest;
        string what;
        Call edit;
        if (message.Image is { } image)
        {
            var layout = renderer.RenderPhoto(message.Report);
            html = layout.Caption;
            rest = layout.FollowUps;
            what = "editMessageMedia";
            edit = (text, mode, ct) => client.EditMessageMedia(chatId, id,
                new InputMediaPhoto(InputFile.FromStream(new MemoryStream(image.Png, writable: false), image.FileName)) { Caption = text, ParseMode = mode },
                rest.Count == 0 ? keyboard : null, cancellationToken: ct);
        }
        else
        {
            var parts = renderer.RenderMessages(message.Report);
            html = parts[0];
            rest = parts.Skip(1).ToList();
            what = "editMessageText";
            edit = (text, mode, ct) => client.EditMessageText(chatId, id, text ?? "", mode, rest.Count == 0 ? keyboard : null, LinkPreviewOptions.Disabled, cancellationToken: ct);
        }
        if (!await EditWithFallbackAsync(chat, what, edit, html, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        for (var i = 0; i < rest.Count; i++)
        {
            await SendStepAsync(chat, new Step(rest[i], null, i == rest.Count - 1 ? keyboard : null), false, TelegramSendPriority.Reply, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task<bool> EditWithFallbackAsync(ChatAddress chat, string what, Call edit, string html, CancellationToken cancellationToken)
    {
        try
        {
            await RunPacedAsync(chat, TelegramSendPriority.Reply, what, ct => edit(html, ParseMode.Html, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // "message is not modified", a message too old to edit, or (never expected) rejected HTML: one plain try.
            logger.LogInformation("Telegram {Method} refused ({ErrorCode} {Description}); retrying once as plain text", what, ex.ErrorCode, ex.Message);
        }
        catch (RequestException ex)
        {
            logger.LogWarning("Telegram {Method} failed: {ErrorCode} {Description}", what, (ex as ApiRequestException)?.ErrorCode, ex.Message);
            return false;
        }
        try
        {
            await RunPacedAsync(chat, TelegramSendPriority.Reply, what, ct => edit(TelegramHtml.ToPlainText(html), ParseMode.None, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestException ex)
        {
            logger.LogDebug("Telegram {Method} plain-text retry refused: {ErrorCode}", what, (ex as ApiRequestException)?.ErrorCode);
            return false;
        }
    }

    private async Task<SendResult> SendStepAsync(ChatAddress to, Step step, bool silent, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        var target = to;
        ChatAddress? migratedTo = null;
        var plain = false;
        var what = step.Image is null ? "sendMessage" : "sendPhoto";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var send = BuildSend(target, step, silent);
                var (text, mode) = plain ? (TelegramHtml.ToPlainText(step.Html), ParseMode.None) : (step.Html, ParseMode.Html);
                await RunPacedAsync(target, priority, what, ct => send(text, mode, ct), cancellationToken).ConfigureAwait(false);
                return SendResult.Ok(migratedTo);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                return await ChatGoneAsync(target, ex, migratedTo, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Parameters?.MigrateToChatId is { } newId && migratedTo is null)
            {
                target = await MigrateAsync(target, newId, cancellationToken).ConfigureAwait(false);
                migratedTo = target;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && !plain)
            {
                // Keyed on the code, not the wording: any other 400 on our HTML gets exactly one plain-text resend.
                logger.LogWarning("Telegram {Method} to {Chat} refused ({ErrorCode} {Description}); resending once as plain text", what, target, ex.ErrorCode, ex.Message);
                plain = true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                return new SendResult(SendStatus.RetryLater, ex.Message, ex.RetryAfter(), migratedTo);
            }
            catch (ApiRequestException ex)
            {
                logger.LogWarning("Telegram {Method} to {Chat} failed: {ErrorCode} {Description}", what, target, ex.ErrorCode, ex.Message);
                return new SendResult(TelegramApi.IsTransient(ex) ? SendStatus.RetryLater : SendStatus.Failed, ex.Message, MigratedTo: migratedTo);
            }
            catch (RequestException ex)
            {
                logger.LogWarning(ex, "Telegram {Method} to {Chat} failed after retries", what, target);
                return new SendResult(SendStatus.RetryLater, ex.Message, MigratedTo: migratedTo);
            }
        }
        return new SendResult(SendStatus.Failed, "Telegram refused the message", MigratedTo: migratedTo);
    }

    /// <summary>
    /// A quiz goes out as a native quiz poll: non-anonymous so poll_answer updates name who answered (groups, private
    /// chats); a channel refuses non-anonymous polls with a 400, so the poll is resent once anonymous, where answers
    /// arrive without a user and are not scored. It closes itself after <see cref="IQuizBook.OpenPeriod"/>, which
    /// also makes Telegram reveal the answer. The post is recorded with its poll id to map poll_answer back to the quiz.
    /// </summary>
    private async Task<SendResult> SendQuizAsync(ChatAddress to, QuizBlock quiz, bool silent, TelegramSendPriority priority, CancellationToken cancellationToken)
    {
        var target = to;
        ChatAddress? migratedTo = null;
        var anonymous = false;
        int? openPeriod = quizzes is null ? null : (int)Math.Clamp(quizzes.OpenPeriod.TotalSeconds, 5, 2_628_000);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var chatId = new ChatId(target.ChatId);
            int? thread = target.ThreadId is { } t && int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
            try
            {
                var isAnonymous = anonymous;
                var sent = await RunPacedAsync(target, priority, "sendPoll", ct => client.SendPoll(chatId, quiz.Question,
                    quiz.Options.Select(o => new InputPollOption(o)), isAnonymous: isAnonymous, type: PollType.Quiz,
                    correctOptionIds: [quiz.CorrectOption], explanation: quiz.Explanation, openPeriod: openPeriod,
                    messageThreadId: thread, disableNotification: silent, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                if (quizzes is not null)
                {
                    await quizzes.RecordPostAsync(quiz.QuizId, target, anonymous ? null : sent.Poll?.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
                return SendResult.Ok(migratedTo);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                return await ChatGoneAsync(target, ex, migratedTo, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Parameters?.MigrateToChatId is { } newId && migratedTo is null)
            {
                target = await MigrateAsync(target, newId, cancellationToken).ConfigureAwait(false);
                migratedTo = target;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && !anonymous)
            {
                logger.LogInformation("Telegram sendPoll to {Chat} refused non-anonymous ({Description}); resending as an anonymous quiz (not scored)", target, ex.Message);
                anonymous = true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                return new SendResult(SendStatus.RetryLater, ex.Message, ex.RetryAfter(), migratedTo);
            }
            catch (ApiRequestException ex)
            {
                logger.LogWarning("Telegram sendPoll to {Chat} failed: {ErrorCode} {Description}", target, ex.ErrorCode, ex.Message);
                return new SendResult(TelegramApi.IsTransient(ex) ? SendStatus.RetryLater : SendStatus.Failed, ex.Message, MigratedTo: migratedTo);
            }
            catch (RequestException ex)
            {
                logger.LogWarning(ex, "Telegram sendPoll to {Chat} failed after retries", target);
                return new SendResult(SendStatus.RetryLater, ex.Message, MigratedTo: migratedTo);
            }
        }
        return new SendResult(SendStatus.Failed, "Telegram refused the quiz poll", MigratedTo: migratedTo);
    }

    private Call BuildSend(ChatAddress to, Step step, bool silent)
    {
        var chatId = new ChatId(to.ChatId);
        int? thread = to.ThreadId is { } t && int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
        if (step.Image is { } image)
        {
            return (text, mode, ct) => client.SendPhoto(chatId, InputFile.FromStream(new MemoryStream(image.Png, writable: false), image.FileName), text, mode,
                replyMarkup: step.Keyboard, messageThreadId: thread, disableNotification: silent, cancellationToken: ct);
        }
        return (text, mode, ct) => client.SendMessage(chatId, text ?? "", mode, replyMarkup: step.Keyboard, linkPreviewOptions: LinkPreviewOptions.Disabled,
            messageThreadId: thread, disableNotification: silent, cancellationToken: ct);
    }

    private Task<T> RunPacedAsync<T>(ChatAddress chat, TelegramSendPriority priority, string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var isGroup = chat.ChatId.StartsWith('-') || chat.ChatId.StartsWith('@');
        return sendQueue.RunAsync(chat.ChatId, isGroup, ct => SendWithRetriesAsync(what, call, ct), priority, cancellationToken);
    }

    /// <summary>Retries 5xx and transport failures with exponential backoff (1 s, 2 s, 4 s …) on the injected clock: the
    /// one transport-retry layer of a Telegram send (Telegram.Bot's own retry is off, <see cref="TelegramApiHandler"/>
    /// only times out). It sits at the call, not in an HttpClient resilience handler, because each attempt must rebuild
    /// the request (an upload stream is read once) and must stay inside its send-queue slot.
    /// A 429 is not retried here: it goes straight to the send queue, which holds the chat (or everything).</summary>
    internal async Task<T> SendWithRetriesAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestException ex) when (attempt < options.Value.MaxTransientRetries && TelegramApi.IsTransient(ex))
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                logger.LogWarning("Telegram {Method} failed transiently ({Reason}); retry {Attempt} in {Delay}", what, ex.Message, attempt + 1, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record Step(string Html, ChartImage? Image, InlineKeyboardMarkup? Keyboard);

    /// <summary>403: the bot was blocked or removed; the chat is marked inactive so its subscriptions stop.</summary>
    private async Task<SendResult> ChatGoneAsync(ChatAddress target, ApiRequestException ex, ChatAddress? migratedTo, CancellationToken cancellationToken)
    {
        logger.LogInformation("Telegram chat {Chat} is gone ({ErrorCode} {Description}); marking it inactive", target, ex.ErrorCode, ex.Message);
        await registry.MarkInactiveAsync(target, ex.Message, cancellationToken).ConfigureAwait(false);
        return new SendResult(SendStatus.ChatGone, ex.Message, MigratedTo: migratedTo);
    }

    /// <summary>A group that became a supergroup: its subscriptions move to the new id (threads do not carry over), then resend there.</summary>
    private async Task<ChatAddress> MigrateAsync(ChatAddress target, long newId, CancellationToken cancellationToken)
    {
        var moved = target with { ChatId = newId.ToString(CultureInfo.InvariantCulture), ThreadId = null };
        logger.LogInformation("Telegram chat {From} became supergroup {To}; migrating and resending", target, moved);
        await registry.MigrateAsync(target, moved, cancellationToken).ConfigureAwait(false);
        return moved;
    }
}
