using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Api;

/// <summary>
/// How we use Telegram.Bot's <see cref="ITelegramBotClient"/>. Three things differ from its defaults, each on purpose:
/// <list type="bullet">
/// <item>Its own 429 retry is off (<c>RetryThreshold = 0</c>): left on, it sleeps up to 60 s inside the call, holding
/// the caller and our send queue's lane blind. Within the process, <see cref="Sending.TelegramSendQueue"/> is the one
/// place that honours <c>retry_after</c> (it also decides whether a 429 holds one chat or every chat); past
/// <see cref="TelegramOptions.MaxRateLimitRetries"/> the durable outbox reschedules the message instead.</item>
/// <item>Its HttpClient has no logging handlers: the library puts the token in every request path, and
/// IHttpClientFactory's default handlers log request URIs (see <see cref="TelegramServiceCollectionExtensions"/>).</item>
/// <item>Timeouts and a path prefix of <see cref="TelegramOptions.ApiBaseUrl"/> are applied by
/// <see cref="TelegramApiHandler"/> under it (the library keeps only scheme and authority of a base URL).</item>
/// </list>
/// Errors: <see cref="ApiRequestException"/> = Telegram answered <c>ok: false</c>; decide on
/// <see cref="ApiRequestException.ErrorCode"/> and <see cref="ApiRequestException.Parameters"/> (its
/// <see cref="RequestException.HttpStatusCode"/> is null on API errors; the message is Telegram's description, logs
/// only). A plain <see cref="RequestException"/> = no API answer (timeout, network, a proxy's HTML page): transient.
/// </summary>
public static class TelegramApi
{
    public const string HttpClientName = "DerivBot.Telegram";

    private static readonly Uri DefaultBaseUrl = new("https://api.telegram.org");

    /// <summary>The client for <paramref name="options"/> over <paramref name="http"/>, which must already carry a
    /// <see cref="TelegramApiHandler"/> and no logging handlers.</summary>
    public static ITelegramBotClient CreateClient(TelegramOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.ApiBaseUrl.GetLeftPart(UriPartial.Authority);
        // null = api.telegram.org; any other host makes the library treat it as a local Bot API server (only file
        // downloads differ, which we do not use).
        var clientOptions = new TelegramBotClientOptions(options.BotToken!, baseUrl == DefaultBaseUrl.GetLeftPart(UriPartial.Authority) ? null : baseUrl)
        {
            RetryThreshold = 0,
            RetryCount = 0,
        };
        return new TelegramBotClient(clientOptions, http);
    }

    /// <summary>5xx or no API answer at all: worth retrying the same request after a pause.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is ApiRequestException { ErrorCode: >= 500 } || (exception is RequestException and not ApiRequestException);

    /// <summary>Seconds Telegram asked us to wait (429), or null.</summary>
    public static TimeSpan? RetryAfter(this ApiRequestException exception) =>
        exception?.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;
}
