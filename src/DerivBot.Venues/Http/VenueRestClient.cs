using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Http;

/// <summary>
/// The GET transport of the Bybit and OKX adapters: one deadline per call (<c>RequestTimeout</c> covers local rate-limit
/// waits, the request and its retries, so an unreachable venue costs a reply at most that long), the venue's documented
/// rate limits enforced locally (<see cref="SlidingWindowLimiter"/>s per endpoint or IP, and a <see cref="HostRateGate"/>
/// holding the ban state: while banned or paused NO request leaves the process), retries of 5xx within the deadline,
/// and every failure mapped to a <see cref="VenueException"/>. Caller cancellation is never wrapped.
/// </summary>
internal sealed partial class VenueRestClient
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IVenueProtocol _protocol;
    private readonly string _base;
    private readonly TimeSpan _requestTimeout;
    private readonly TransportRetryPolicy _retry;

    public VenueRestClient(
        string venue, HttpClient http, string baseUrl, HostRateGate gate, IVenueProtocol protocol,
        TimeSpan requestTimeout, int maxRetries, TimeSpan retryBaseDelay, TimeProvider time, ILogger logger)
    {
        Venue = venue;
        _http = http;
        _base = baseUrl.TrimEnd('/');
        Gate = gate;
        _protocol = protocol;
        _requestTimeout = requestTimeout;
        _retry = new TransportRetryPolicy(maxRetries, retryBaseDelay, Jitter: null, TransportRetryPolicy.ServerError);
        _time = time;
        _logger = logger;
    }

    public string Venue { get; }

    /// <summary>Ban/pause state (and per-minute budget, where the venue has one) of the REST host.</summary>
    public HostRateGate Gate { get; }

    /// <summary>GETs <paramref name="path"/>?<paramref name="query"/> and returns the body of a successful response whose envelope reports no error.</summary>
    /// <param name="weight">Charged against <see cref="Gate"/>'s per-minute budget (0 where only the limiters count).</param>
    /// <param name="limiters">The request's sliding-window caps (IP-wide and/or per endpoint), all acquired before sending.</param>
    public async Task<byte[]> GetAsync(string path, string query, int weight, IReadOnlyList<SlidingWindowLimiter> limiters, CancellationToken cancellationToken)
    {
        var url = _base + path + (query.Length > 0 ? "?" + query : "");
        var deadline = _time.GetUtcNow() + _requestTimeout;
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        try
        {
            return await TransportRetry.GetAsync(Venue, path, _retry, async ct =>
            {
                // A banned or paused host fails at once, before it costs a slot in any window.
                if (Gate.BanRemaining is var ban && ban > TimeSpan.Zero)
                {
                    throw Gate.BanException(ban);
                }
                foreach (var limiter in limiters)
                {
                    await limiter.AcquireAsync(Remaining(deadline), ct).ConfigureAwait(false);
                }
                await Gate.AcquireAsync(weight, Remaining(deadline), ct).ConfigureAwait(false);
                return await SendOnceAsync(path, url, ct).ConfigureAwait(false);
            }, deadline, _time, _logger, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new VenueException(Venue, VenueErrorKind.Timeout,
                $"{Venue}: {Gate.Host} did not answer {path} within {_requestTimeout.TotalSeconds:0.#} s", ex);
        }
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task<(byte[]? Body, VenueException? Failure)> SendOnceAsync(string path, string url, CancellationToken token)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var failure = response.IsSuccessStatusCode
                ? _protocol.EnvelopeError(body, path, status)
                : MapStatus(path, response, status, body);
            if (failure is null)
            {
                return (body, null);
            }
            if (failure.Kind is VenueErrorKind.RateLimited or VenueErrorKind.Banned && failure.RetryAfter is { } pause && pause > TimeSpan.Zero)
            {
                Gate.Ban(failure.Kind, pause);
                _logger.LogWarning("{Venue} {Host} answered {Status} ({Kind}) on {Path}; pausing all requests to it for {Seconds} s",
                    Venue, Gate.Host, status, failure.Kind, path, (int)Math.Ceiling(pause.TotalSeconds));
            }
            return (null, failure);
        }
        catch (HttpRequestException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable, $"{Venue}: cannot reach {Gate.Host} ({NetworkFailure.Describe(ex)})", ex));
        }
        catch (IOException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable,
                $"{Venue}: connection to {Gate.Host} failed while reading {path} ({ex.Message})", ex));
        }
    }
}
