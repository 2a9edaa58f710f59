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
public sealed partial class DeribitOptionsVenue : IOptionsVenue
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
}
