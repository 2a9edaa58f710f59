using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Deribit;

/// <summary>
/// Deribit options over its public JSON-RPC-over-HTTP API (apis.md B.4): <c>public/get_book_summary_by_currency</c>
/// (<c>kind=option</c>) per settlement currency and <c>public/get_currencies</c>. BTC and ETH are inverse chains
/// (<c>currency=BTC</c>); other coins come from the linear USDC chain (<c>SOL_USDC-…</c>), filtered by coin.
/// One request per currency per <see cref="DeribitOptions.MinRefreshInterval"/> (concurrent callers share it), our own
/// per-second cap, retries of 5xx and timeouts, and every failure mapped to a <see cref="VenueException"/> naming Deribit.
/// </summary>
public sealed class DeribitOptionsVenue : IOptionsVenue
{
    /// <summary>Inverse option chains: these coins are their own settlement currency.</summary>
    internal static readonly IReadOnlySet<string> InverseCurrencies = new HashSet<string>(StringComparer.Ordinal) { "BTC", "ETH" };

    /// <summary>The settlement currency of the linear options.</summary>
    internal const string LinearCurrency = "USDC";

    private const string Venue = DeribitParsers.Venue;

    private readonly HttpClient _http;
    private readonly DeribitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _base;
    private readonly string _host;
    private readonly SlidingWindowLimiter _limiter;
    private readonly TransportRetryPolicy _retry;
    private readonly Dictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CurrenciesEntry? _currencies;

    public DeribitOptionsVenue(HttpClient http, IOptions<DeribitOptions> options, TimeProvider time, ILogger<DeribitOptionsVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options.Value;
        _retry = new TransportRetryPolicy(_options.MaxRetries, _options.RetryBaseDelay, Random.Shared.NextDouble, TransportRetryPolicy.ServerErrorOrTimeout);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _base = _options.RestUrl.TrimEnd('/');
        _host = new Uri(_options.RestUrl).Host;
        _limiter = new SlidingWindowLimiter(Venue, "the public API", _options.RequestsPerSecond, TimeSpan.FromSeconds(1), time);
    }

    public string Name => Venue;

    public TimeSpan MinRefreshInterval => _options.MinRefreshInterval;

    /// <summary>Requests sent so far (tests check the one-per-minute rule with it).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    private int _requests;

    public async Task<IReadOnlyList<string>> GetOptionAssetsAsync(CancellationToken cancellationToken)
    {
        var assets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var currency in await CurrenciesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (InverseCurrencies.Contains(currency))
            {
                assets.Add(currency);
            }
        }
        var linear = await SummaryAsync(LinearCurrency, cancellationToken).ConfigureAwait(false);
        foreach (var o in linear.Options)
        {
            assets.Add(o.Asset);
        }
        return [.. assets];
    }

    public async Task<OptionChain> GetChainAsync(string asset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var coin = asset.Trim().ToUpperInvariant();
        if (InverseCurrencies.Contains(coin))
        {
            // BTC and ETH are Deribit's own currencies: no need to ask get_currencies first.
            return (await SummaryAsync(coin, cancellationToken).ConfigureAwait(false)).ChainOf(coin, Venue);
        }
        var linear = await SummaryAsync(LinearCurrency, cancellationToken).ConfigureAwait(false);
        var chain = linear.ChainOf(coin, Venue);
        if (chain.Options.Count == 0)
        {
            throw new VenueException(Venue, VenueErrorKind.InvalidSymbol, $"{Venue}: no options are listed on {coin}");
        }
        return chain;
    }

    /// <summary>The currency list: one shared request per <see cref="DeribitOptions.CurrenciesRefreshInterval"/>; the last good list when it fails.</summary>
    private async Task<IReadOnlySet<string>> CurrenciesAsync(CancellationToken ct)
    {
        CurrenciesEntry entry;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            entry = _currencies ?? new CurrenciesEntry(DateTimeOffset.MinValue, Task.FromResult<IReadOnlySet<string>>(new HashSet<string>()), null);
            if (_currencies is null || (entry.Task.IsCompleted && now - entry.FetchedAt >= (entry.Task.IsCompletedSuccessfully ? _options.CurrenciesRefreshInterval : _options.MinRefreshInterval)))
            {
                var lastGood = entry.Task.IsCompletedSuccessfully && _currencies is not null ? entry.Task.Result : entry.LastGood;
                entry = new CurrenciesEntry(now, FetchCurrenciesAsync(), lastGood);
                _currencies = entry;
            }
        }
        try
        {
            return await entry.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (VenueException ex) when (entry.LastGood is { } old)
        {
            // The currency list hardly changes: keep the old one rather than fail the chain.
            _logger.LogWarning(ex, "deribit get_currencies failed; using the previous list");
            return old;
        }
    }

    private async Task<IReadOnlySet<string>> FetchCurrenciesAsync()
    {
        var body = await GetAsync("/public/get_currencies", "", CancellationToken.None).ConfigureAwait(false);
        return new HashSet<string>(DeribitParsers.ParseCurrencies(body, Venue), StringComparer.Ordinal);
    }

    /// <summary>
    /// The currency's book summary: a request in flight is shared, and its outcome (answer or failure) stands for
    /// <see cref="DeribitOptions.MinRefreshInterval"/> — so Deribit sees at most one call per currency per interval,
    /// also while it is failing.
    /// </summary>
    private Task<BookSummary> SummaryAsync(string currency, CancellationToken ct)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_cache.TryGetValue(currency, out var entry) || (entry.Task.IsCompleted && now - entry.StartedAt >= _options.MinRefreshInterval))
            {
                entry = new CacheEntry(now, FetchSummaryAsync(currency));
                _cache[currency] = entry;
            }
            return entry.Task.WaitAsync(ct);
        }
    }

    private async Task<BookSummary> FetchSummaryAsync(string currency)
    {
        // Not tied to one caller's token: the request is shared; its own timeout bounds it.
        var body = await GetAsync("/public/get_book_summary_by_currency", "currency=" + Uri.EscapeDataString(currency) + "&kind=option", CancellationToken.None).ConfigureAwait(false);
        return DeribitParsers.ParseBookSummary(body, Venue, _time.GetUtcNow());
    }

    private async Task<byte[]> GetAsync(string path, string query, CancellationToken ct)
    {
        var url = _base + path + (query.Length > 0 ? "?" + query : "");
        return await TransportRetry.GetAsync(Venue, path, _retry, async attemptToken =>
        {
            await _limiter.AcquireAsync(TimeSpan.FromSeconds(5), attemptToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            return await SendOnceAsync(path, url, attemptToken).ConfigureAwait(false);
        }, deadline: null, _time, _logger, ct).ConfigureAwait(false);
    }

    private async Task<(byte[]? Body, VenueException? Failure)> SendOnceAsync(string path, string url, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }
            return (null, MapFailure(path, status, body, response));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Timeout,
                $"{Venue}: {_host} did not answer {path} within {_options.RequestTimeout.TotalSeconds:0.#} s", ex));
        }
        catch (HttpRequestException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable, $"{Venue}: cannot reach {_host} ({NetworkFailure.Describe(ex)})", ex));
        }
        catch (IOException ex)
        {
            return (null, new VenueException(Venue, VenueErrorKind.Unreachable, $"{Venue}: connection to {_host} failed while reading {path} ({ex.Message})", ex));
        }
    }

    private VenueException MapFailure(string path, int status, byte[] body, HttpResponseMessage response)
    {
        var hasError = DeribitParsers.TryParseError(body, out var code, out var message);
        var vendor = hasError ? $" ({code} {message})" : "";
        if (status == 429 || (hasError && code == 10028))
        {
            var retry = response.Headers.RetryAfter?.Delta is { } d && d > TimeSpan.Zero ? d : TimeSpan.FromSeconds(1);
            return new VenueException(Venue, VenueErrorKind.RateLimited, $"{Venue}: {_host} rate limit hit on {path}{vendor}")
            {
                HttpStatus = status,
                VendorCode = hasError ? code : null,
                RetryAfter = retry,
            };
        }
        if (status >= 500)
        {
            return new VenueException(Venue, VenueErrorKind.ServerError, $"{Venue}: {_host} failed on {path} with HTTP {status}{vendor}")
            {
                HttpStatus = status,
                VendorCode = hasError ? code : null,
            };
        }
        if (status == 451)
        {
            return new VenueException(Venue, VenueErrorKind.RegionBlocked, $"{Venue}: {_host} refuses requests from this location (HTTP 451)") { HttpStatus = status };
        }
        return new VenueException(Venue, hasError ? DeribitParsers.KindOf(code) : VenueErrorKind.BadResponse,
            $"{Venue}: {_host} rejected {path} with HTTP {status}{vendor}")
        {
            HttpStatus = status,
            VendorCode = hasError ? code : null,
        };
    }

    private sealed record CacheEntry(DateTimeOffset StartedAt, Task<BookSummary> Task);

    private sealed record CurrenciesEntry(DateTimeOffset FetchedAt, Task<IReadOnlySet<string>> Task, IReadOnlySet<string>? LastGood);
}
