using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Rest;

/// <summary>
/// Our Discord REST client (apis.md D.3/D.4): bot authorization, the required User-Agent, JSON or multipart bodies,
/// and rate limits honoured before sending (buckets, global 50/s, 429 blocks) so we wait instead of hammering.
/// Never logs URLs or tokens: routes are logged by name.
/// </summary>
internal sealed class DiscordRestClient : IDisposable
{
    private const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiscordRateLimiter _limiter;
    private readonly string _userAgent;
    private readonly Dictionary<string, SemaphoreSlim> _routeLocks = new(StringComparer.Ordinal);
    private readonly object _locksGate = new();

    public DiscordRestClient(IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger, HttpMessageHandler? handler = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _limiter = new DiscordRateLimiter(time);
        InvalidRequests = new InvalidRequestCounter(time, logger);
        _ownsHttp = true;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            BaseAddress = new Uri(_options.ApiBaseUrl.ToString().TrimEnd('/') + "/"),
            Timeout = _options.RequestTimeout,
        };
        var version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        _userAgent = $"DiscordBot ({_options.UserAgentUrl}, {(plus > 0 ? version[..plus] : version)})";
    }

    public InvalidRequestCounter InvalidRequests { get; }

    public bool HasToken => _options.HasToken;

    /// <summary>Sends <paramref name="payload"/> (JSON, or multipart with <c>payload_json</c> + <c>files[n]</c> when there are files).</summary>
    public Task<DiscordResponse> SendAsync(DiscordRoute route, JsonNode? payload, IReadOnlyList<DiscordFile>? files, CancellationToken cancellationToken) =>
        SendCoreAsync(route, () => CreateContent(payload, files), cancellationToken);

    /// <summary>The gateway URL from <c>GET /gateway/bot</c>.</summary>
    public async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken) =>
        (await GetGatewayBotAsync(cancellationToken).ConfigureAwait(false)).Url;

    /// <summary><c>GET /gateway/bot</c>: the URL, the recommended shard count (<c>shards</c>) and
    /// <c>session_start_limit.max_concurrency</c> (both 1 when absent).</summary>
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(DiscordRoute.GatewayBot(), null, null, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Body);
        var root = doc.RootElement;
        if (root.TryGetProperty("url", out var url) && url.GetString() is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var shards = root.TryGetProperty("shards", out var s) && s.TryGetInt32(out var n) && n > 0 ? n : 1;
            var concurrency = root.TryGetProperty("session_start_limit", out var limit) && limit.ValueKind == JsonValueKind.Object
                && limit.TryGetProperty("max_concurrency", out var mc) && mc.TryGetInt32(out var m) && m > 0 ? m : 1;
            return new GatewayBotInfo(uri, shards, concurrency);
        }
        throw new DiscordApiException("GetGatewayBot", response.Status, null, "response has no url");
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
        lock (_locksGate)
        {
            foreach (var l in _routeLocks.Values)
            {
                l.Dispose();
            }
            _routeLocks.Clear();
        }
    }

    internal static HttpContent? CreateContent(JsonNode? payload, IReadOnlyList<DiscordFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            return payload is null ? null : new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        }
        var multipart = new MultipartFormDataContent("derivbot-" + Guid.NewGuid().ToString("N"));
        var json = new StringContent((payload ?? new JsonObject()).ToJsonString(), Encoding.UTF8, "application/json");
        json.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        multipart.Add(json);
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ByteArrayContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = $"\"files[{i}]\"",
                FileName = $"\"{files[i].FileName}\"",
            };
            multipart.Add(part);
        }
        return multipart;
    }

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

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    throw new DiscordApiException(route.Name, 0, null, ex is TaskCanceledException ? "timed out" : "network error", ex);
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
                    var error = ParseError(body);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        Application.Diagnostics.DerivBotMetrics.RateLimited(Core.Chat.ChatPlatform.Discord);
                        var scope = Header(response, "X-RateLimit-Scope");
                        if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
                        {
                            InvalidRequests.Record(status, route.Name);
                        }
                        var retryAfter = error.RetryAfter
                            ?? DiscordRateLimiter.ParseSeconds(Header(response, "Retry-After"))
                            ?? TimeSpan.FromSeconds(1);
                        var global = error.Global || string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase);
                        _limiter.OnRateLimited(route, retryAfter, global);
                        _logger.LogWarning("Discord {Route} rate limited ({Scope}), retry after {RetryAfter}", route.Name, global ? "global" : scope ?? "bucket", retryAfter);
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

    /// <summary>Returns the global place taken by <see cref="WaitForSlotAsync"/> when the request ends, however it ends.</summary>
    private readonly struct Admission(DiscordRateLimiter limiter, DiscordRoute route) : IDisposable
    {
        public void Dispose() => limiter.OnCompleted(route);
    }

    private async Task WaitForSlotAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Checks and takes the place in one step: concurrent senders cannot all see the same free place.
            var delay = _limiter.TryAcquire(route);
            if (delay <= TimeSpan.Zero)
            {
                return;
            }
            if (delay > _options.MaxRateLimitWait)
            {
                throw new DiscordApiException(route.Name, 429, null, "rate limited") { RetryAfter = delay };
            }
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private SemaphoreSlim LockFor(DiscordRoute route)
    {
        // One request at a time per route and resource, so the Remaining count we hold is never overrun by a burst.
        var key = route.RouteKey + "|" + route.Major;
        lock (_locksGate)
        {
            if (!_routeLocks.TryGetValue(key, out var l))
            {
                l = new SemaphoreSlim(1, 1);
                _routeLocks[key] = l;
            }
            return l;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ErrorBody ParseError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ErrorBody(null, "unexpected body", null, false);
            }
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            TimeSpan? retry = root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number && r.GetDouble() is var d && d >= 0 && d < 86_400
                ? TimeSpan.FromSeconds(d)
                : null;
            var global = root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            return new ErrorBody(code, message, retry, global);
        }
        catch (JsonException)
        {
            return new ErrorBody(null, "non-JSON body", null, false);
        }
    }

    private sealed record ErrorBody(int? Code, string Message, TimeSpan? RetryAfter, bool Global);
}

internal sealed record DiscordResponse(int Status, string Body);

/// <summary>What <c>GET /gateway/bot</c> says: where to connect, how many shards Discord recommends, and how many
/// shards may Identify per 5 s (<c>session_start_limit.max_concurrency</c>).</summary>
public sealed record GatewayBotInfo(Uri Url, int Shards, int MaxConcurrency);
