using System.Globalization;
using System.Net.Http.Headers;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Http;

/// <summary>
/// The small REST transport of the overview-only venues (Hyperliquid, Gate): one attempt per call (the aggregation asks
/// again next cycle, and an unreachable venue must cost at most <c>Venues:RequestTimeout</c>), the venue's request budget
/// enforced by our own <see cref="HostRateGate"/>, and every failure mapped to a <see cref="VenueException"/>:
/// 451 → <see cref="VenueErrorKind.RegionBlocked"/>; 403 → <see cref="VenueErrorKind.Banned"/> (a WAF or IP ban: all
/// requests to the host pause for <c>Retry-After</c>, else <see cref="DefaultBanPause"/>); 429/418 → rate limited/banned
/// with the same pause; 5xx → <see cref="VenueErrorKind.ServerError"/>; other statuses → <see cref="VenueErrorKind.BadResponse"/>;
/// no answer in time → <see cref="VenueErrorKind.Timeout"/>; connection failures → <see cref="VenueErrorKind.Unreachable"/>.
/// Caller cancellation is never wrapped.
/// </summary>
internal sealed class VenueHttp
{
    /// <summary>Pause after a 403 without <c>Retry-After</c>: hammering a venue that refuses us only lengthens a ban.</summary>
    public static readonly TimeSpan DefaultBanPause = TimeSpan.FromMinutes(5);

    /// <summary>Pause after a 429 without <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultRateLimitPause = TimeSpan.FromSeconds(60);

    private readonly string _venue;
    private readonly HttpClient _http;
    private readonly string _base;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="baseUrl">Absolute http(s) base; paths are appended to it (e.g. <c>https://api.gateio.ws/api/v4</c> + <c>/futures/usdt/tickers</c>).</param>
    /// <param name="budgetPerMinute">Request weight we allow ourselves per minute on this host.</param>
    /// <param name="timeout">Time allowed for one request (send + read the body).</param>
    public VenueHttp(string venue, HttpClient http, string baseUrl, int budgetPerMinute, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _venue = venue;
        _http = http;
        _base = baseUrl.TrimEnd('/');
        _timeout = timeout;
        _time = time;
        _logger = logger;
        Gate = new HostRateGate(venue, new Uri(baseUrl).Host, budgetPerMinute, time);
    }

    public HostRateGate Gate { get; }

    public Task<byte[]> GetAsync(string path, string query, int weight, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path + (query.Length > 0 ? "?" + query : ""), null, weight, cancellationToken);

    public Task<byte[]> PostJsonAsync(string path, string json, int weight, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, json, weight, cancellationToken);

    private async Task<byte[]> SendAsync(HttpMethod method, string pathAndQuery, string? json, int weight, CancellationToken cancellationToken)
    {
        // Never wait for the budget longer than a request may take: a full budget is an answer ("try later"), not a stall.
        await Gate.AcquireAsync(weight, _timeout, cancellationToken).ConfigureAwait(false);
        var path = pathAndQuery.Split('?', 2)[0];
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(method, _base + pathAndQuery);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            throw MapFailure(path, response, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new VenueException(_venue, VenueErrorKind.Timeout,
                $"{_venue}: {Gate.Host} did not answer {path} within {_timeout.TotalSeconds:0.#} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new VenueException(_venue, VenueErrorKind.Unreachable, $"{_venue}: cannot reach {Gate.Host} ({NetworkFailure.Describe(ex)})", ex);
        }
        catch (IOException ex)
        {
            throw new VenueException(_venue, VenueErrorKind.Unreachable, $"{_venue}: connection to {Gate.Host} failed while reading {path} ({ex.Message})", ex);
        }
    }

    private VenueException MapFailure(string path, HttpResponseMessage response, int status)
    {
        switch (status)
        {
            case 451:
                return new VenueException(_venue, VenueErrorKind.RegionBlocked,
                    $"{_venue}: {Gate.Host} refuses requests from this location (HTTP 451)") { HttpStatus = status };
            case 403 or 418 or 429:
            {
                var kind = status == 429 ? VenueErrorKind.RateLimited : VenueErrorKind.Banned;
                var pause = RetryAfterOf(response) ?? (status == 429 ? DefaultRateLimitPause : DefaultBanPause);
                Gate.Ban(kind, pause);
                _logger.LogWarning("{Venue} {Host} answered {Status} on {Path}; pausing all requests to it for {Seconds} s",
                    _venue, Gate.Host, status, path, (int)Math.Ceiling(pause.TotalSeconds));
                var what = status == 429 ? "rate limit hit" : $"refused us (HTTP {status})";
                return new VenueException(_venue, kind,
                    $"{_venue}: {Gate.Host} {what}; nothing is sent for another {Math.Ceiling(pause.TotalSeconds)} s")
                {
                    HttpStatus = status,
                    RetryAfter = pause,
                };
            }
            case >= 500:
                return new VenueException(_venue, VenueErrorKind.ServerError, $"{_venue}: {Gate.Host} failed on {path} with HTTP {status}") { HttpStatus = status };
            default:
                return new VenueException(_venue, VenueErrorKind.BadResponse, $"{_venue}: {Gate.Host} rejected {path} with HTTP {status}") { HttpStatus = status };
        }
    }

    /// <summary><c>Retry-After</c> in seconds or as an HTTP date; null when absent or not positive.</summary>
    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        TimeSpan? given = null;
        if (response.Headers.RetryAfter is RetryConditionHeaderValue header)
        {
            given = header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);
        }
        else if (response.Headers.TryGetValues("Retry-After", out var raw)
                 && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            given = TimeSpan.FromSeconds(seconds);
        }
        return given is { } g && g > TimeSpan.Zero ? g : null;
    }
}
