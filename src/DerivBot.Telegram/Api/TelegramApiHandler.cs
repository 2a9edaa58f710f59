using DerivBot.Application.Http;
using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Api;

/// <summary>
/// Sits between Telegram.Bot and the socket. Per-request timeouts: getUpdates waits
/// <see cref="TelegramOptions.PollingTimeoutSeconds"/> + <see cref="TelegramOptions.RequestTimeout"/>, everything else
/// <see cref="TelegramOptions.RequestTimeout"/> (one HttpClient.Timeout cannot serve both); a timeout surfaces as the
/// library's <see cref="RequestException"/>. And it restores the path of <see cref="TelegramOptions.ApiBaseUrl"/>
/// (a proxy at https://proxy.example/telegram), which the library drops. Messages never contain the URL.
/// </summary>
public sealed class TelegramApiHandler(TelegramOptions options) : AttemptTimeoutHandler
{
    private readonly string _prefix = options.ApiBaseUrl.AbsolutePath.TrimEnd('/');

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_prefix.Length > 0)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Path = _prefix + request.RequestUri!.AbsolutePath }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }

    protected override TimeSpan TimeoutFor(HttpRequestMessage request) =>
        string.Equals(Method(request), "getUpdates", StringComparison.OrdinalIgnoreCase)
            ? TimeSpan.FromSeconds(options.PollingTimeoutSeconds) + options.RequestTimeout
            : options.RequestTimeout;

    // TaskCanceledException without the caller's token cancelled is what the library maps to "timed out".
    protected override Exception TimedOut(HttpRequestMessage request, TimeSpan timeout, OperationCanceledException cancelled) =>
        new TaskCanceledException($"Bot API {Method(request)} timed out after {timeout}", new TimeoutException());

    private static string Method(HttpRequestMessage request) => request.RequestUri!.Segments[^1];
}
