using System.Text.Json.Serialization;

namespace DerivBot.Telegram.Api;

/// <summary>Source-generated JSON for every Bot API type and request (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ApiResponse<User>))]
[JsonSerializable(typeof(ApiResponse<Update[]>))]
[JsonSerializable(typeof(ApiResponse<Message>))]
[JsonSerializable(typeof(ApiResponse<bool>))]
[JsonSerializable(typeof(ApiResponse<ChatMember>))]
[JsonSerializable(typeof(ApiResponse<System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(Update))]
[JsonSerializable(typeof(GetMeRequest))]
[JsonSerializable(typeof(GetUpdatesRequest))]
[JsonSerializable(typeof(SetWebhookRequest))]
[JsonSerializable(typeof(DeleteWebhookRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(EditMessageTextRequest))]
[JsonSerializable(typeof(AnswerCallbackQueryRequest))]
[JsonSerializable(typeof(SetMyCommandsRequest))]
[JsonSerializable(typeof(GetChatMemberRequest))]
[JsonSerializable(typeof(InlineKeyboardMarkup))]
[JsonSerializable(typeof(InputMediaPhoto))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class TelegramJsonContext : JsonSerializerContext;
