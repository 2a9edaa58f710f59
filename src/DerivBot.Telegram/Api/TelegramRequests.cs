using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DerivBot.Telegram.Api;

/// <summary>
/// One Bot API call. Every request object knows its method name, how to encode itself (JSON, or multipart/form-data
/// when it uploads a file) and how to read its result; <see cref="TelegramBotClient.SendAsync{T}"/> sends them all.
/// </summary>
public abstract class TelegramRequest<TResult>(string methodName)
{
    [JsonIgnore]
    public string MethodName { get; } = methodName;

    /// <summary>HTTP timeout for this call, when it differs from the client's default (getUpdates waits longer).</summary>
    [JsonIgnore]
    public TimeSpan? HttpTimeout { get; init; }

    internal abstract JsonTypeInfo<ApiResponse<TResult>> ResponseType { get; }

    internal abstract HttpContent CreateContent();

    private protected static HttpContent Json<T>(T value, JsonTypeInfo<T> info)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, info));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}

public sealed class GetMeRequest() : TelegramRequest<User>("getMe")
{
    internal override JsonTypeInfo<ApiResponse<User>> ResponseType => TelegramJsonContext.Default.ApiResponseUser;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.GetMeRequest);
}

public sealed class GetUpdatesRequest() : TelegramRequest<Update[]>("getUpdates")
{
    public long? Offset { get; init; }
    public int? Limit { get; init; }
    public int? Timeout { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }

    internal override JsonTypeInfo<ApiResponse<Update[]>> ResponseType => TelegramJsonContext.Default.ApiResponseUpdateArray;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.GetUpdatesRequest);
}

public sealed class SetWebhookRequest() : TelegramRequest<bool>("setWebhook")
{
    public required string Url { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }
    public string? SecretToken { get; init; }
    public bool? DropPendingUpdates { get; init; }

    internal override JsonTypeInfo<ApiResponse<bool>> ResponseType => TelegramJsonContext.Default.ApiResponseBoolean;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.SetWebhookRequest);
}

public sealed class DeleteWebhookRequest() : TelegramRequest<bool>("deleteWebhook")
{
    public bool? DropPendingUpdates { get; init; }

    internal override JsonTypeInfo<ApiResponse<bool>> ResponseType => TelegramJsonContext.Default.ApiResponseBoolean;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.DeleteWebhookRequest);
}

public sealed class SendMessageRequest() : TelegramRequest<Message>("sendMessage")
{
    public required ChatId ChatId { get; init; }
    public long? MessageThreadId { get; init; }
    public required string Text { get; init; }
    public string? ParseMode { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public bool? DisableNotification { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    internal override JsonTypeInfo<ApiResponse<Message>> ResponseType => TelegramJsonContext.Default.ApiResponseMessage;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.SendMessageRequest);
}

/// <summary>sendPhoto with an uploaded PNG: multipart/form-data, the file part named <c>photo</c>.</summary>
public sealed class SendPhotoRequest() : TelegramRequest<Message>("sendPhoto")
{
    public required ChatId ChatId { get; init; }
    public long? MessageThreadId { get; init; }
    public required string FileName { get; init; }
    public required ReadOnlyMemory<byte> Photo { get; init; }
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public bool? DisableNotification { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    internal override JsonTypeInfo<ApiResponse<Message>> ResponseType => TelegramJsonContext.Default.ApiResponseMessage;

    internal override HttpContent CreateContent()
    {
        var form = new MultipartFormDataContent();
        Multipart.Add(form, "chat_id", ChatId.Value);
        Multipart.Add(form, "message_thread_id", MessageThreadId);
        Multipart.Add(form, "caption", Caption);
        Multipart.Add(form, "parse_mode", ParseMode);
        Multipart.Add(form, "disable_notification", DisableNotification);
        Multipart.AddJson(form, "reply_markup", ReplyMarkup);
        Multipart.AddFile(form, "photo", FileName, Photo);
        return form;
    }
}

public sealed class EditMessageTextRequest() : TelegramRequest<JsonElement>("editMessageText")
{
    public required ChatId ChatId { get; init; }
    public required long MessageId { get; init; }
    public required string Text { get; init; }
    public string? ParseMode { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    internal override JsonTypeInfo<ApiResponse<JsonElement>> ResponseType => TelegramJsonContext.Default.ApiResponseJsonElement;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.EditMessageTextRequest);
}

/// <summary>editMessageMedia replacing a photo with an uploaded one (<c>media: attach://photo</c>).</summary>
public sealed class EditMessageMediaRequest() : TelegramRequest<JsonElement>("editMessageMedia")
{
    public required ChatId ChatId { get; init; }
    public required long MessageId { get; init; }
    public required string FileName { get; init; }
    public required ReadOnlyMemory<byte> Photo { get; init; }
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    internal override JsonTypeInfo<ApiResponse<JsonElement>> ResponseType => TelegramJsonContext.Default.ApiResponseJsonElement;

    internal override HttpContent CreateContent()
    {
        var form = new MultipartFormDataContent();
        Multipart.Add(form, "chat_id", ChatId.Value);
        Multipart.Add(form, "message_id", MessageId);
        Multipart.AddJson(form, "media", new InputMediaPhoto("attach://photo", Caption, ParseMode));
        Multipart.AddJson(form, "reply_markup", ReplyMarkup);
        Multipart.AddFile(form, "photo", FileName, Photo);
        return form;
    }
}

public sealed class AnswerCallbackQueryRequest() : TelegramRequest<bool>("answerCallbackQuery")
{
    public required string CallbackQueryId { get; init; }
    public string? Text { get; init; }
    public bool? ShowAlert { get; init; }

    internal override JsonTypeInfo<ApiResponse<bool>> ResponseType => TelegramJsonContext.Default.ApiResponseBoolean;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.AnswerCallbackQueryRequest);
}

public sealed class SetMyCommandsRequest() : TelegramRequest<bool>("setMyCommands")
{
    public required IReadOnlyList<BotCommand> Commands { get; init; }
    public BotCommandScope? Scope { get; init; }
    /// <summary>Two-letter ISO 639-1 code; null = the default list for every language without its own.</summary>
    public string? LanguageCode { get; init; }

    internal override JsonTypeInfo<ApiResponse<bool>> ResponseType => TelegramJsonContext.Default.ApiResponseBoolean;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.SetMyCommandsRequest);
}

public sealed class GetChatMemberRequest() : TelegramRequest<ChatMember>("getChatMember")
{
    public required ChatId ChatId { get; init; }
    public required long UserId { get; init; }

    internal override JsonTypeInfo<ApiResponse<ChatMember>> ResponseType => TelegramJsonContext.Default.ApiResponseChatMember;
    internal override HttpContent CreateContent() => Json(this, TelegramJsonContext.Default.GetChatMemberRequest);
}

internal static class Multipart
{
    public static void Add(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }
    }

    public static void Add(MultipartFormDataContent form, string name, long? value) =>
        Add(form, name, value?.ToString(CultureInfo.InvariantCulture));

    public static void Add(MultipartFormDataContent form, string name, bool? value) =>
        Add(form, name, value is null ? null : value.Value ? "true" : "false");

    public static void AddJson(MultipartFormDataContent form, string name, InlineKeyboardMarkup? value) =>
        Add(form, name, value is null ? null : JsonSerializer.Serialize(value, TelegramJsonContext.Default.InlineKeyboardMarkup));

    public static void AddJson(MultipartFormDataContent form, string name, InputMediaPhoto value) =>
        Add(form, name, JsonSerializer.Serialize(value, TelegramJsonContext.Default.InputMediaPhoto));

    public static void AddFile(MultipartFormDataContent form, string name, string fileName, ReadOnlyMemory<byte> bytes)
    {
        var file = new ReadOnlyMemoryContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, name, fileName);
    }
}
