using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Api;

/// <summary>
/// Our Bot API client. The <see cref="HttpClient"/> has <c>{ApiBaseUrl}/bot{token}/</c> as its BaseAddress and every
/// request uses the bare method name as a relative URI, so nothing we build, log or throw contains the token; the named
/// client has HttpClient's own URI-logging handlers removed (see <see cref="TelegramServiceCollectionExtensions"/>).
/// </summary>
public sealed class TelegramBotClient(HttpClient http, IOptions<TelegramOptions> options, ILogger<TelegramBotClient> logger)
{
    public const string HttpClientName = "DerivBot.Telegram";

    /// <summary><c>{ApiBaseUrl}/bot{token}/</c>: the only place the token goes. Built by concatenation because a
    /// relative "bot123:ABC" would parse as a URI scheme.</summary>
    internal static Uri BaseAddressFor(TelegramOptions options) =>
        new(options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/bot" + options.BotToken + "/");

    /// <summary>Sends <paramref name="request"/> and returns its result, or throws <see cref="TelegramApiException"/>
    /// (Telegram said no) or <see cref="TelegramTransportException"/> (no answer: timeout, network, non-API reply).</summary>
    public async Task<T> SendAsync<T>(TelegramRequest<T> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.MethodName;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.HttpTimeout ?? options.Value.RequestTimeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative)) { Content = request.CreateContent() };
        byte[] body;
        int status;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelegramTransportException(method, "timed out");
        }
        catch (HttpRequestException ex)
        {
            throw new TelegramTransportException(method, $"network error ({ex.HttpRequestError})", ex);
        }

        ApiResponse<T>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, request.ResponseType);
        }
        catch (JsonException)
        {
            parsed = null;
        }
        if (parsed is null)
        {
            throw new TelegramTransportException(method, $"HTTP {status} without a Bot API answer");
        }
        if (!parsed.Ok)
        {
            var error = new TelegramApiException(method, parsed.ErrorCode ?? status, parsed.Description ?? "", parsed.Parameters);
            logger.LogDebug("Bot API {Method} answered {ErrorCode}", method, error.ErrorCode);
            throw error;
        }
        return parsed.Result!;
    }
}
