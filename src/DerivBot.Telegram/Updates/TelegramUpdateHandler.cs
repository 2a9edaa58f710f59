using System.Globalization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DerivBot.Telegram.Updates;

/// <summary>
/// Turns one Telegram update into work: commands (messages, channel posts, forum topics) go to the
/// <see cref="ICommandDispatcher"/>; callback buttons re-run their command and edit the message in place; service
/// messages with <c>migrate_to_chat_id</c> and my_chat_member changes update the <see cref="IChatRegistry"/>.
/// "Handled" means dispatched and the replies sent through the paced send queue (polling) or durably enqueued in the shared
/// outbox (webhook), see <see cref="TelegramReplyRoute"/>.
/// </summary>
public sealed class TelegramUpdateHandler(
    ICommandDispatcher dispatcher,
    IChatRegistry registry,
    TelegramMessenger messenger,
    TelegramReplyRoute replies,
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramAdminCache admins,
    TimeProvider time,
    ILogger<TelegramUpdateHandler> logger,
    IQuizBook? quizzes = null)
{
    /// <summary>The update types we ask Telegram for (getUpdates and setWebhook alike). edited_message is left out on
    /// purpose: re-running a command because someone fixed a typo would post a second reply. poll_answer is what scores
    /// quizzes (without it in the list Telegram never sends it); poll carries a quiz poll's state changes.</summary>
    public static readonly IReadOnlyList<UpdateType> AllowedUpdates =
        [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.PollAnswer, UpdateType.Poll];

    public Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { Message: { } message } => HandleMessageAsync(update.Id, message, cancellationToken),
            { ChannelPost: { } post } => HandleMessageAsync(update.Id, post, cancellationToken),
            { CallbackQuery: { } query } => HandleCallbackAsync(update.Id, query, cancellationToken),
            { MyChatMember: { } change } => HandleMembershipAsync(change, cancellationToken),
            { PollAnswer: { } answer } => HandlePollAnswerAsync(answer, cancellationToken),
            _ => Task.CompletedTask, // poll: Telegram closes and reveals quiz polls itself; nothing to do
        };
    }

    /// <summary>Scores a quiz answer. Only non-anonymous polls send these, with the user; a retracted vote has no option.</summary>
    private async Task HandlePollAnswerAsync(PollAnswer answer, CancellationToken cancellationToken)
    {
        if (quizzes is null || answer.User is not { } user)
        {
            return;
        }
        var player = new QuizPlayer(user.Id.ToString(CultureInfo.InvariantCulture), DisplayName(user));
        int? option = answer.OptionIds is { Length: > 0 } ids ? ids[0] : null;
        var result = await quizzes.AnswerPollAsync(answer.PollId, player, option, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Telegram poll answer on {PollId}: {Status}", answer.PollId, result.Status);
    }

    /// <summary>"@username" when the user has one, else the first name: never a bare id.</summary>
    public static string DisplayName(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Username is { Length: > 0 } name ? "@" + name : user.FirstName;
    }

    /// <summary>The chat an update belongs to (updates of one chat are handled in order), or null.</summary>
    public static long? ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.MyChatMember?.Chat.Id;

    private async Task HandleMessageAsync(long updateId, Message message, CancellationToken cancellationToken)
    {
        var chatLevel = ChatLevel(message.Chat.Id);
        if (message.MigrateToChatId is { } newId)
        {
            logger.LogInformation("Telegram group {From} was upgraded to supergroup {To}", chatLevel, newId);
            await registry.MigrateAsync(chatLevel, ChatLevel(newId), cancellationToken).ConfigureAwait(false);
            return;
        }
        var command = TelegramCommandParser.Parse(message, identity.Username);
        if (command is null)
        {
            return;
        }
        var kind = KindOf(message.Chat);
        if (kind != ChatKind.Private && !command.AddressedToUs && !dispatcher.IsKnown(command.Name))
        {
            return; // in a group an unaddressed unknown command is probably for another bot: stay quiet
        }
        var address = AddressOf(message);
        var settings = await SettingsAsync(chatLevel, kind == ChatKind.Channel ? null : message.From?.LanguageCode, cancellationToken).ConfigureAwait(false);
        // The dispatcher applies the per-user command limit; over it, the result holds the one "slow down" notice or nothing.
        var request = new CommandRequest(address, kind, message.From?.Id.ToString(CultureInfo.InvariantCulture), settings.Language,
            command.Name, command.Arguments, AdminCheck(message.Chat, kind, message.From, message.SenderChat), time.GetUtcNow())
        { RateKey = RateKey(message) };
        var result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        await replies.DeliverAsync(address, updateId, Outbound(result.Replies), cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleCallbackAsync(long updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        var message = query.Message;
        var command = TelegramCommandParser.ParseCallbackData(query.Data);
        if (message is null || command is null)
        {
            await AnswerAsync(query.Id, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        var kind = KindOf(message.Chat);
        var chatLevel = ChatLevel(message.Chat.Id);
        var settings = await SettingsAsync(chatLevel, query.From.LanguageCode, cancellationToken).ConfigureAwait(false);
        var address = AddressOf(message);
        var request = new CommandRequest(address, kind, query.From.Id.ToString(CultureInfo.InvariantCulture), settings.Language,
            command.Name, command.Arguments, AdminCheck(message.Chat, kind, query.From, senderChat: null), time.GetUtcNow())
        { RateKey = "u" + query.From.Id.ToString(CultureInfo.InvariantCulture) };
        var result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Throttled)
        {
            // Over the per-user limit: a toast, not a chat message. It stops the button's spinner and tells only the presser.
            await AnswerAsync(query.Id, result.Replies.Count > 0 ? result.Replies[0].Report.Title : null, cancellationToken).ConfigureAwait(false);
            return;
        }
        await AnswerAsync(query.Id, null, cancellationToken).ConfigureAwait(false);
        if (result.Replies.Count == 0)
        {
            return;
        }
        var first = result.Replies[0];
        // An inaccessible (too old) message has date 0; a text message cannot become a photo and vice versa.
        var canEdit = message.Date != default && (first.Image is null) == (message.Photo is null or { Length: 0 });
        // Awaited, not fired and forgotten: the poller confirms the update only after its reply went out, and a stop
        // (SIGTERM) lets it finish within the shutdown timeout. The edit is always direct (it changes a message, it is
        // not a new one); the other replies take the route of the mode (durable outbox for webhooks).
        var edited = false;
        try
        {
            edited = canEdit && await messenger.EditAsync(address, message.MessageId, new OutboundMessage(first.Report, first.Image), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Telegram callback edit in {Chat} failed", address);
            return;
        }
        var rest = Outbound(edited ? result.Replies.Skip(1) : result.Replies);
        await replies.DeliverAsync(address, updateId, rest, cancellationToken, firstIndex: edited ? 1 : 0).ConfigureAwait(false);
    }

    private async Task HandleMembershipAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        var chat = ChatLevel(change.Chat.Id);
        switch (change.NewChatMember.Status)
        {
            case ChatMemberStatus.Kicked or ChatMemberStatus.Left:
                logger.LogInformation("Telegram: removed from chat {Chat} ({Status})", chat, change.NewChatMember.Status);
                await registry.MarkInactiveAsync(chat, "bot " + (change.NewChatMember.Status == ChatMemberStatus.Kicked ? "kicked" : "left"), cancellationToken).ConfigureAwait(false);
                break;
            case ChatMemberStatus.Member or ChatMemberStatus.Administrator or ChatMemberStatus.Creator:
                var hint = change.Chat.Type == ChatType.Channel ? null : LanguageHint(change.From.LanguageCode);
                var settings = await registry.GetOrCreateAsync(chat, hint, cancellationToken).ConfigureAwait(false);
                if (!settings.Active)
                {
                    await registry.MarkActiveAsync(chat, cancellationToken).ConfigureAwait(false);
                }
                break;
        }
    }

    private static List<OutboundMessage> Outbound(IEnumerable<CommandReply> replies) =>
        replies.Select(r => new OutboundMessage(r.Report, r.Image)).ToList();

    private async Task AnswerAsync(string callbackQueryId, string? text, CancellationToken cancellationToken)
    {
        try
        {
            await client.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException ex)
        {
            // An expired query (older than ~15 s) cannot be answered; the command still runs.
            logger.LogInformation("Telegram answerCallbackQuery failed: {Reason}", ex.Message);
        }
    }

    private async Task<ChatSettings> SettingsAsync(ChatAddress chat, string? languageCode, CancellationToken cancellationToken)
    {
        var settings = await registry.GetOrCreateAsync(chat, LanguageHint(languageCode), cancellationToken).ConfigureAwait(false);
        if (!settings.Active)
        {
            await registry.MarkActiveAsync(chat, cancellationToken).ConfigureAwait(false);
        }
        return settings;
    }

    private Func<CancellationToken, Task<bool>> AdminCheck(Chat chat, ChatKind kind, User? from, Chat? senderChat)
    {
        if (kind is ChatKind.Private or ChatKind.Channel)
        {
            return static _ => Task.FromResult(true); // the user owns a private chat; channel posts come from admins
        }
        if (senderChat is not null && senderChat.Id == chat.Id)
        {
            return static _ => Task.FromResult(true); // an anonymous group admin posts as the group itself
        }
        if (from is null || senderChat is not null)
        {
            return static _ => Task.FromResult(false); // posted as a linked channel or another chat: not a member we can check
        }
        return ct => admins.IsAdminAsync(chat.Id, from.Id, ct);
    }

    private static Language? LanguageHint(string? code) => LanguageExtensions.TryParse(code, out var language) ? language : null;

    private static string RateKey(Message message) =>
        message.From is { } from && message.SenderChat is null
            ? "u" + from.Id.ToString(CultureInfo.InvariantCulture)
            : "c" + (message.SenderChat?.Id ?? message.Chat.Id).ToString(CultureInfo.InvariantCulture);

    private static ChatKind KindOf(Chat chat) => chat.Type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Channel => ChatKind.Channel,
        _ => ChatKind.Group,
    };

    private static ChatAddress ChatLevel(long chatId) => new(ChatPlatform.Telegram, chatId.ToString(CultureInfo.InvariantCulture));

    private static ChatAddress AddressOf(Message message) =>
        new(ChatPlatform.Telegram, message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            message.IsTopicMessage && message.MessageThreadId is { } thread ? thread.ToString(CultureInfo.InvariantCulture) : null);
}
