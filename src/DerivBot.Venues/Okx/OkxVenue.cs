using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Okx;

/// <summary>
/// OKX v5 USDT-margined linear SWAPs (apis.md B.2, docs/venues/okx.md): the full <see cref="IMarketDataVenue"/> and the
/// cross-venue <see cref="IVenueOverview"/>. Instrument ids (<c>BTC-USDT-SWAP</c>) are the <see cref="Symbol"/> values.
/// OKX counts open interest in CONTRACTS; every OI figure leaving this class is in coins (contracts × ctVal × ctMult).
/// Tickers, open interest and mark prices come in bulk; <c>funding-rate</c> exists only per instrument, so it is read
/// only for instruments someone asked about (overview assets, symbols the market store is following), at most once per
/// <see cref="OkxOptions.FundingMaxAge"/>. Each endpoint's limit is enforced locally (80 % of OKX's figure).
/// </summary>
public sealed partial class OkxVenue : IMarketDataVenue, IVenueOverview, IDisposable
{
    /// <summary>OKX's rate windows are 2 s; a 429/50011 without Retry-After pauses the host for one window.</summary>
    internal static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(2);

    /// <summary>Our share of each documented per-endpoint limit.</summary>
    private const double Share = 0.8;

    private readonly VenueRestClient _rest;
    private readonly OkxOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SlidingWindowLimiter[]> _limiters;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OkxFunding Funding, DateTimeOffset At)> _funding = new(StringComparer.Ordinal);
    private readonly ReusedValue<IReadOnlyDictionary<string, OkxInstrument>> _instruments;
    private RankedInstruments? _mostTraded;

    public OkxVenue(HttpClient http, IOptions<OkxOptions> options, TimeProvider time, ILogger<OkxVenue> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _time = time;
        _instruments = new(time);
        // Documented requests per 2 s per IP and endpoint (apis.md B.2 and OKX's endpoint pages).
        _limiters = new (string Path, int PerWindow)[]
            {
                (Paths.Instruments, 20), (Paths.Tickers, 20), (Paths.MarkPrice, 10), (Paths.OpenInterest, 20),
                (Paths.FundingRate, 20), (Paths.FundingHistory, 10), (Paths.Candles, 40),
                (Paths.OpenInterestHistory, 5), (Paths.LongShortRatio, 5),
            }
            .ToDictionary(e => e.Path,
                e => new[] { new SlidingWindowLimiter(Name, e.Path, Math.Max(1, (int)(e.PerWindow * Share)), RateWindow, time) },
                StringComparer.Ordinal);
        // No per-minute weight on OKX (weight 0, budget 1): the gate only holds the 429/50011 pause.
        _rest = new VenueRestClient(Name, http, _options.RestUrl, new HostRateGate(Name, new Uri(_options.RestUrl).Host, 1, time),
            new OkxProtocol(), _options.RequestTimeout, _options.MaxRetries, _options.RetryBaseDelay, time, logger);
    }

    public string Name => VenueIds.Okx;

    internal HostRateGate Gate => _rest.Gate;

    internal SlidingWindowLimiter Limiter(string path) => _limiters[path][0];

    public void Dispose() => _instruments.Dispose();

    private void Watch(string instId) => _watched[instId] = _time.GetUtcNow();

    private sealed record RankedInstruments(IReadOnlyList<string> InstIds, DateTimeOffset At);

    internal static class Paths
    {
        public const string Instruments = "/api/v5/public/instruments";
        public const string Tickers = "/api/v5/market/tickers";
        public const string MarkPrice = "/api/v5/public/mark-price";
        public const string OpenInterest = "/api/v5/public/open-interest";
        public const string FundingRate = "/api/v5/public/funding-rate";
        public const string FundingHistory = "/api/v5/public/funding-rate-history";
        public const string Candles = "/api/v5/market/candles";
        public const string OpenInterestHistory = "/api/v5/rubik/stat/contracts/open-interest-history";
        public const string LongShortRatio = "/api/v5/rubik/stat/contracts/long-short-account-ratio";
    }
}
