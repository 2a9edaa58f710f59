namespace DerivBot.Telegram.Api;

/// <summary>
/// The Bot API answered <c>ok: false</c>. Decisions are keyed on <see cref="ErrorCode"/> and <see cref="Parameters"/>;
/// <see cref="Description"/> is for logs only because Telegram rewords it. The message never contains the token.
/// </summary>
public sealed class TelegramApiException(string method, int errorCode, string description, ResponseParameters? parameters)
    : Exception($"Bot API {method} failed: {errorCode} {description}")
{
    public string Method { get; } = method;

    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;

    public ResponseParameters? Parameters { get; } = parameters;

    public TimeSpan? RetryAfter => Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;

    public long? MigrateToChatId => Parameters?.MigrateToChatId;

    /// <summary>5xx: Telegram's side; the request may be retried.</summary>
    public bool IsServerError => ErrorCode >= 500;
}

/// <summary>The request did not get an API answer: timeout, connection failure, or a non-JSON reply (e.g. a proxy's 502 page).
/// Transient by nature. The message names only the method, never the URL.</summary>
public sealed class TelegramTransportException(string method, string reason, Exception? inner = null)
    : Exception($"Bot API {method} failed: {reason}", inner)
{
    public string Method { get; } = method;
}
