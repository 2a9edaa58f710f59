using Telegram.Bot.Exceptions;

namespace DerivBot.Telegram.Api;

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
