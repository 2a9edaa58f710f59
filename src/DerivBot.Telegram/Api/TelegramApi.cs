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

/// <summary>
/// Sits between Telegram.Bot and the socket. Per-request timeouts: getUpdates waits
/// <see cref="TelegramOptions.PollingTimeoutSeconds"/> + <see cref="TelegramOptions.RequestTimeout"/>, everything else
/// <see cref="TelegramOptions.RequestTimeout"/> (one HttpClient.Timeout cannot serve both); a timeout surfaces as the
/// library's <see cref="RequestException"/>. And it restores the path of <see cref="TelegramOptions.ApiBaseUrl"/>
/// (a proxy at https://proxy.example/telegram), which the library drops. Messages never contain the URL.
/// </summary>
public sealed class TelegramApiHandler(TelegramOptions options) : DelegatingHandler
{
    private readonly string _prefix = options.ApiBaseUrl.AbsolutePath.TrimEnd('/');

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var method = uri.Segments[^1];
        if (_prefix.Length > 0)
        {
            request.RequestUri = new UriBuilder(uri) { Path = _prefix + uri.AbsolutePath }.Uri;
        }
        var timeout = string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase)
            ? TimeSpan.FromSeconds(options.PollingTimeoutSeconds) + options.RequestTimeout
            : options.RequestTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var response = await base.SendAsync(request, cts.Token).ConfigureAwait(false);
            try
            {
                // The body too, inside the timeout (the library reads it after we return).
                await response.Content.LoadIntoBufferAsync(cts.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // TaskCanceledException without the caller's token cancelled is what the library maps to "timed out".
            throw new TaskCanceledException($"Bot API {method} timed out after {timeout}", new TimeoutException());
        }
    }
}
