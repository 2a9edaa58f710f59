using System.Text.Json;
using System.Text.Json.Serialization;

namespace DerivBot.Telegram.Api;

// The subset of Bot API types (core.telegram.org/bots/api) this bot reads and writes. Field names follow the spec
// through the snake_case naming policy of TelegramJsonContext; unknown fields are ignored.

/// <summary>Envelope of every Bot API response.</summary>
public sealed record ApiResponse<T>(bool Ok, T? Result, int? ErrorCode, string? Description, ResponseParameters? Parameters);

/// <summary>Why a request failed and what to do about it.</summary>
/// <param name="MigrateToChatId">The group became this supergroup; can exceed 32 bits.</param>
/// <param name="RetryAfter">Seconds to wait before the next request (429).</param>
public sealed record ResponseParameters(long? MigrateToChatId, int? RetryAfter);

public sealed record User(long Id, bool IsBot, string FirstName, string? Username = null, string? LanguageCode = null);

/// <param name="Type">private, group, supergroup or channel.</param>
public sealed record Chat(long Id, string Type, string? Title = null, string? Username = null, bool? IsForum = null);

public sealed record MessageEntity(string Type, int Offset, int Length);

public sealed record PhotoSize(string FileId, int Width, int Height);

public sealed record Message(
    long MessageId,
    Chat Chat,
    long Date,
    long? MessageThreadId = null,
    User? From = null,
    Chat? SenderChat = null,
    string? Text = null,
    IReadOnlyList<MessageEntity>? Entities = null,
    string? Caption = null,
    IReadOnlyList<MessageEntity>? CaptionEntities = null,
    IReadOnlyList<PhotoSize>? Photo = null,
    bool? IsTopicMessage = null,
    long? MigrateToChatId = null,
    long? MigrateFromChatId = null);

/// <param name="Message">The message with the button; for old messages an "inaccessible message" with <c>date</c> 0.</param>
public sealed record CallbackQuery(string Id, User From, Message? Message = null, string? Data = null, string? ChatInstance = null);

/// <param name="Status">creator, administrator, member, restricted, left or kicked.</param>
public sealed record ChatMember(string Status, User? User = null);

public sealed record ChatMemberUpdated(Chat Chat, User From, long Date, ChatMember OldChatMember, ChatMember NewChatMember);

public sealed record Update(
    long UpdateId,
    Message? Message = null,
    Message? EditedMessage = null,
    Message? ChannelPost = null,
    CallbackQuery? CallbackQuery = null,
    ChatMemberUpdated? MyChatMember = null);

public sealed record BotCommand(string Command, string Description);

/// <param name="Type">default, all_private_chats, all_group_chats, …</param>
public sealed record BotCommandScope(string Type);

public sealed record InlineKeyboardButton(string Text, string? CallbackData = null);

public sealed record InlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard);

public sealed record LinkPreviewOptions(bool IsDisabled);

/// <summary>editMessageMedia payload; <c>media</c> is <c>attach://&lt;part name&gt;</c> for an uploaded file.</summary>
public sealed record InputMediaPhoto(string Media, string? Caption = null, string? ParseMode = null)
{
    public string Type => "photo";
}

/// <summary>A chat id as the Bot API takes it: an int64 or "@channelusername". Written as a JSON number when numeric.</summary>
[JsonConverter(typeof(ChatIdConverter))]
public readonly record struct ChatId(string Value)
{
    public override string ToString() => Value;

    public static ChatId From(long id) => new(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed class ChatIdConverter : JsonConverter<ChatId>
{
    public override ChatId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? ChatId.From(reader.GetInt64())
            : new ChatId(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, ChatId value, JsonSerializerOptions options)
    {
        if (long.TryParse(value.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            writer.WriteNumberValue(id);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
