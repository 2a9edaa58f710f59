using System.Net;
using Microsoft.Extensions.Logging;

namespace DerivBot.Discord.Rest;

/// <summary>One request through its route's slot: the one place a 429 is waited out (the rate limiter blocks the bucket,
/// or everything for a global 429, and the next attempt waits in <see cref="WaitForSlotAsync"/>), at most
/// <see cref="MaxAttempts"/> times and never longer than <see cref="DiscordOptions.MaxRateLimitWait"/>; past that the
/// 429 is thrown with its <see cref="DiscordApiException.RetryAfter"/> for the caller to reschedule.</summary>
internal sealed partial class DiscordRestClient
{
    private const int MaxAttempts = 4;

    private async Task<DiscordResponse> SendCoreAsync(DiscordRoute route, Func<HttpContent?> content, CancellationToken cancellationToken)
    {
        if (!_options.HasToken)
        {
            throw new DiscordApiException(route.Name, 0, null, "Discord:BotToken is not configured");
        }
        var routeLock = LockFor(route);
        await routeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await WaitForSlotAsync(route, cancellationToken).ConfigureAwait(false);
                using var admitted = new Admission(_limiter, route);
                using var request = new HttpRequestMessage(route.Method, route.Path) { Content = content() };
                request.Headers.TryAddWithoutValidation("Authorization", "Bot " + _options.BotToken);
                request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                DiscordTransport.Name(request, route);

                HttpResponseMessage response;
                try
                {
                    // 5xx and connection failures were already retried by the transport handler under this call.
                    response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
                {
                    throw new DiscordApiException(route.Name, 0, null, ex is HttpRequestException ? "network error" : "timed out", ex);
                }
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    _limiter.OnResponse(route, name => Header(response, name));
                    if (response.IsSuccessStatusCode)
                    {
                        return new DiscordResponse(status, body);
                    }
                    var error = DiscordErrorBody.Parse(body);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var retryAfter = OnRateLimited(route, response, error);
                        if (attempt >= MaxAttempts || retryAfter > _options.MaxRateLimitWait)
                        {
                            throw new DiscordApiException(route.Name, status, error.Code, error.Message) { RetryAfter = retryAfter };
                        }
                        continue;
                    }
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        InvalidRequests.Record(status, route.Name);
                    }
                    throw new DiscordApiException(route.Name, status, error.Code, error.Message);
                }
            }
        }
        finally
        {
            routeLock.Release();
        }
    }

    /// <summary>Blocks the bucket (or everything) for the 429's <c>retry_after</c> and returns that wait.</summary>
    private TimeSpan OnRateLimited(DiscordRoute route, HttpResponseMessage response, DiscordErrorBody error)
    {
        Application.Diagnostics.DerivBotMetrics.RateLimited(Core.Chat.ChatPlatform.Discord);
        var scope = Header(response, "X-RateLimit-Scope");
        if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
        {
            InvalidRequests.Record((int)response.StatusCode, route.Name);
        }
        var retryAfter = error.RetryAfter
            ?? DiscordRateLimiter.ParseSeconds(Header(response, "Retry-After"))
            ?? TimeSpan.FromSeconds(1);
        var global = error.Global || string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase);
        _limiter.OnRateLimited(route, retryAfter, global);
        _logger.LogWarning("Discord {Route} rate limited ({Scope}), retry after {RetryAfter}", route.Name, global ? "global" : scope ?? "bucket", retryAfter);
        return retryAfter;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
