using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Rest;

/// <summary>
/// Our Discord REST client (apis.md D.3/D.4): bot authorization, the required User-Agent, JSON or multipart bodies,
/// and rate limits honoured before sending (buckets, global 50/s, 429 blocks) so we wait instead of hammering.
/// One retry layer per concern: a 429 is paced here, once, by <see cref="DiscordRateLimiter"/> (see the Pacing part);
/// 5xx and connection failures are retried by the resilience handler of the HttpClient (<see cref="DiscordTransport"/>);
/// what still fails is thrown as <see cref="DiscordApiException"/> for the caller (the outbox reschedules broadcasts).
/// Never logs URLs or tokens: routes are logged by name.
/// </summary>
internal sealed partial class DiscordRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiscordRateLimiter _limiter;
    private readonly string _userAgent;

    /// <param name="http">The <see cref="DiscordTransport.HttpClientName"/> client (with the transport-retry handler); disposed with this.</param>
    public DiscordRestClient(IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _limiter = new DiscordRateLimiter(time);
        InvalidRequests = new InvalidRequestCounter(time, logger);
        _http = http;
        _http.BaseAddress = new Uri(_options.ApiBaseUrl.ToString().TrimEnd('/') + "/");
        var version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        _userAgent = $"DiscordBot ({_options.UserAgentUrl}, {(plus > 0 ? version[..plus] : version)})";
    }

    public InvalidRequestCounter InvalidRequests { get; }

    public bool HasToken => _options.HasToken;

    /// <summary>Sends <paramref name="payload"/> (JSON, or multipart with <c>payload_json</c> + <c>files[n]</c> when there are files).</summary>
    public Task<DiscordResponse> SendAsync(DiscordRoute route, JsonNode? payload, IReadOnlyList<DiscordFile>? files, CancellationToken cancellationToken) =>
        SendCoreAsync(route, () => DiscordRequestContent.Create(payload, files), cancellationToken);

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
        _http.Dispose();
        DisposeRouteLocks();
    }
}

internal sealed record DiscordResponse(int Status, string Body);
