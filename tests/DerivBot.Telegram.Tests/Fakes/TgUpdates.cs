namespace DerivBot.Telegram.Tests.Fakes;

/// <summary>Update JSON bodies (without update_id) shaped like the Bot API's, for scripting the fake.</summary>
public static class TgUpdates
{
    public const long UserId = 111111111;
    public const long GroupId = -1001234567890;

    public static string Private(string text, long userId = UserId, string languageCode = "en") =>
        $$"""
        "message":{"message_id":1,"from":{"id":{{userId}},"is_bot":false,"first_name":"Alice","language_code":"{{languageCode}}"},
          "chat":{"id":{{userId}},"type":"private","first_name":"Alice"},"date":1723000000,
          "text":{{Json(text)}},"entities":[{"offset":0,"length":{{CommandLength(text)}},"type":"bot_command"}]}
        """;

    public static string Group(string text, long chatId = GroupId, long userId = UserId, long? threadId = null, string? senderChat = null) =>
        $$"""
        "message":{"message_id":42,{{(threadId is { } t ? $"\"message_thread_id\":{t},\"is_topic_message\":true," : "")}}
          "from":{"id":{{userId}},"is_bot":false,"first_name":"Alice","language_code":"en"},
          {{(senderChat is null ? "" : "\"sender_chat\":" + senderChat + ",")}}
          "chat":{"id":{{chatId}},"title":"Crypto Desk","type":"supergroup"},"date":1723000000,
          "text":{{Json(text)}},"entities":[{"offset":0,"length":{{CommandLength(text)}},"type":"bot_command"}]}
        """;

    public static string Channel(string text, long chatId = -1009876543210) =>
        $$"""
        "channel_post":{"message_id":7,"sender_chat":{"id":{{chatId}},"title":"Alerts","type":"channel"},
          "chat":{"id":{{chatId}},"title":"Alerts","type":"channel"},"date":1723000100,
          "text":{{Json(text)}},"entities":[{"offset":0,"length":{{CommandLength(text)}},"type":"bot_command"}]}
        """;

    public static string Callback(string data, long chatId = GroupId, long messageId = 43, bool photo = false, long userId = UserId) =>
        $$$"""
        "callback_query":{"id":"4382bfdwdsb323b2d9","from":{"id":{{{userId}}},"is_bot":false,"first_name":"Alice"},
          "message":{"message_id":{{{messageId}}},"chat":{"id":{{{chatId}}},"title":"Crypto Desk","type":"supergroup"},"date":1723000050,
            {{{(photo ? "\"photo\":[{\"file_id\":\"a\",\"width\":1,\"height\":1}]," : "\"text\":\"old\",")}}}
            "reply_markup":{"inline_keyboard":[[{"text":"Refresh","callback_data":{{{Json(data)}}}}]]}},
          "chat_instance":"-8912345678901234567","data":{{{Json(data)}}}}
        """;

    public static string Migration(long fromChat, long toChat) =>
        $$"""
        "message":{"message_id":5,"from":{"id":{{UserId}},"is_bot":false,"first_name":"Alice"},
          "chat":{"id":{{fromChat}},"title":"Old group","type":"group"},"date":1723000000,"migrate_to_chat_id":{{toChat}}}
        """;

    private static int CommandLength(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? text.Length : space;
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
