using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Binance;

/// <summary>Which Binance REST host a request goes to; each has its own weight budget and ban state.</summary>
internal enum BinanceHost { Futures, Spot }

/// <summary>
/// The GET transport under <see cref="BinanceMarketDataVenue"/> (and, with its own base URL, name and gates, under
/// Aster, whose fapi copies Binance's): local rate limiting (weight per host, sliding-window
/// caps), 429/418 bans, retries of 5xx and timeouts with jittered backoff (<see cref="TransportRetry"/>), and mapping of every failure to a
/// <see cref="VenueException"/>. Caller cancellation is never wrapped.
/// </summary>
internal sealed partial class BinanceHttp
{
    /// <summary>How long a host that answered HTTP 451 is left alone before it is asked again.</summary>
    internal static readonly TimeSpan RegionBlockPause = TimeSpan.FromHours(1);

    /// <summary>Binance's documented IP limits per minute (apis.md A.0).</summary>
    public const int FuturesWeightPerMinute = 2400;
    public const int SpotWeightPerMinute = 6000;

    private static readonly TimeSpan DefaultBan418 = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TransportRetryPolicy _retry;
    private readonly string _futuresBase;
    private readonly string _spotBase;
    private readonly string _venue;

    public BinanceHttp(HttpClient http, BinanceOptions options, TimeProvider time, ILogger logger, Func<double> random)
        : this(BinanceParsers.Venue, FuturesWeightPerMinute, http, options, time, logger, random)
    {
    }

    /// <param name="venue">Venue id used in errors, logs and the gates (<c>binance</c>, <c>aster</c>).</param>
    /// <param name="futuresWeightPerMinute">The venue's documented futures weight limit before our budget share.</param>
    public BinanceHttp(string venue, int futuresWeightPerMinute, HttpClient http, BinanceOptions options, TimeProvider time, ILogger logger, Func<double> random)
    {
        _venue = venue;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _retry = new TransportRetryPolicy(options.MaxRetries, options.RetryBaseDelay, random, TransportRetryPolicy.ServerErrorOrTimeout);
        _futuresBase = options.FuturesRestUrl.TrimEnd('/');
        _spotBase = options.SpotRestUrl.TrimEnd('/');
        Futures = new HostRateGate(_venue, new Uri(options.FuturesRestUrl).Host,
            Math.Max(1, (int)(futuresWeightPerMinute * options.WeightBudgetShare)), time);
        Spot = new HostRateGate(_venue, new Uri(options.SpotRestUrl).Host,
            Math.Max(1, (int)(SpotWeightPerMinute * options.WeightBudgetShare)), time);
    }

    public HostRateGate Futures { get; }

    public HostRateGate Spot { get; }

    /// <summary>Adopts the futures weight limit Binance announces (exchangeInfo <c>rateLimits</c>), scaled by our share.</summary>
    public void AdoptFuturesWeightLimit(int limitPerMinute) =>
        Futures.BudgetPerMinute = Math.Max(1, (int)(limitPerMinute * _options.WeightBudgetShare));

    /// <summary>GETs <paramref name="path"/> and returns the body of a 2xx response.</summary>
    /// <param name="weight">Request weight charged against the host's per-minute budget.</param>
    /// <param name="limiter">An extra per-endpoint cap, when the endpoint has one.</param>
    public async Task<byte[]> GetAsync(BinanceHost host, string path, string query, int weight, SlidingWindowLimiter? limiter, CancellationToken cancellationToken)
    {
        var gate = host == BinanceHost.Futures ? Futures : Spot;
        var url = (host == BinanceHost.Futures ? _futuresBase : _spotBase) + path + (query.Length > 0 ? "?" + query : "");
        return await TransportRetry.GetAsync(_venue, path, _retry, async ct =>
        {
            if (limiter is not null)
            {
                await limiter.AcquireAsync(_options.MaxRateLimitWait, ct).ConfigureAwait(false);
            }
            await gate.AcquireAsync(weight, _options.MaxRateLimitWait, ct).ConfigureAwait(false);
            return await SendOnceAsync(gate, path, url, ct).ConfigureAwait(false);
        }, deadline: null, _time, _logger, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(byte[]? Body, VenueException? Failure)> SendOnceAsync(HostRateGate gate, string path, string url, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            ObserveWeight(gate, response);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }
            return (null, MapFailure(gate, path, response, status, body));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            return (null, new VenueException(_venue, VenueErrorKind.Timeout,
                $"{_venue}: {gate.Host} did not answer {path} within {_options.RequestTimeout.TotalSeconds:0.#} s", ex));
        }
        catch (HttpRequestException ex)
        {
            // Connection-level failures: nothing reached the venue (or we cannot tell); the caller retries on its schedule.
            return (null, new VenueException(_venue, VenueErrorKind.Unreachable,
                $"{_venue}: cannot reach {gate.Host} ({NetworkFailure.Describe(ex)})", ex));
        }
        catch (IOException ex)
        {
            return (null, new VenueException(_venue, VenueErrorKind.Unreachable,
                $"{_venue}: connection to {gate.Host} failed while reading {path} ({ex.Message})", ex));
        }
    }
}
