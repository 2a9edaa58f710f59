using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Binance;

/// <summary>
/// Binance USDⓈ-M public market data over REST (apis.md A.1–A.11), with Binance's rate limits enforced locally so we
/// never earn a 429, let alone a 418 IP ban. See <see cref="BinanceHttp"/> for the transport rules.
/// Also Binance's <see cref="IVenueOverview"/> (see <see cref="FapiOverview"/>). The same class, built with another name,
/// base URL and its own gates, serves Aster, whose fapi copies Binance's paths and shapes.
/// </summary>
public sealed partial class BinanceMarketDataVenue : IMarketDataVenue, IVenueOverview
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>Default bound of one overview call (<c>Venues:RequestTimeout</c>'s default).</summary>
    internal static readonly TimeSpan DefaultOverviewTimeout = TimeSpan.FromSeconds(5);

    private readonly BinanceHttp _http;
    private readonly SlidingWindowLimiter _fundingLimiter;
    private readonly Dictionary<string, SlidingWindowLimiter> _dataLimiters;
    private readonly FapiOverview _overview;

    public BinanceMarketDataVenue(HttpClient http, IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketDataVenue> logger)
        : this(http, options, time, logger, Random.Shared.NextDouble)
    {
    }

    /// <param name="random">Uniform [0, 1) source for retry jitter (injectable so tests are deterministic).</param>
    internal BinanceMarketDataVenue(HttpClient http, IOptions<BinanceOptions> options, TimeProvider time, ILogger<BinanceMarketDataVenue> logger, Func<double> random)
        : this(BinanceParsers.Venue, BinanceHttp.FuturesWeightPerMinute, http, options?.Value!, DefaultOverviewTimeout, time, logger, random)
    {
    }

    /// <summary>A fapi-shaped venue: <paramref name="venue"/> names it in errors, logs and gates; every gate is its own.</summary>
    /// <param name="futuresWeightPerMinute">The venue's documented weight limit per minute (replaced by exchangeInfo's <c>rateLimits</c> when read).</param>
    /// <param name="overviewTimeout">Longest one <see cref="IVenueOverview"/> call may take (<c>Venues:RequestTimeout</c>).</param>
    internal BinanceMarketDataVenue(string venue, int futuresWeightPerMinute, HttpClient http, BinanceOptions options, TimeSpan overviewTimeout,
        TimeProvider time, ILogger logger, Func<double> random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Name = venue;
        _http = new BinanceHttp(venue, futuresWeightPerMinute, http, options, time, logger, random);
        // fundingRate and fundingInfo share one 500 / 5 min IP cap; each /futures/data endpoint has its own 1000 / 5 min.
        _fundingLimiter = new SlidingWindowLimiter(Name, "fundingRate+fundingInfo", 500, FiveMinutes, time);
        _dataLimiters = new[]
            {
                Paths.OpenInterestHist, Paths.GlobalRatio, Paths.TopAccountRatio, Paths.TopPositionRatio, Paths.TakerVolume,
            }
            .ToDictionary(p => p, p => new SlidingWindowLimiter(Name, p, 1000, FiveMinutes, time), StringComparer.Ordinal);
        _overview = new FapiOverview(this, overviewTimeout, time, logger);
    }

    public string Name { get; }

    /// <summary>Weight gate of the futures host (exposed for diagnostics and tests).</summary>
    internal HostRateGate FuturesGate => _http.Futures;

    internal HostRateGate SpotGate => _http.Spot;

    internal SlidingWindowLimiter FundingLimiter => _fundingLimiter;

    /// <inheritdoc cref="FapiOverview.GetStatsAsync"/>
    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken) =>
        _overview.GetStatsAsync(assets, cancellationToken);

    /// <inheritdoc cref="FapiOverview.GetOpenInterestHistoryAsync"/>
    Task<IReadOnlyList<OpenInterestPoint>> IVenueOverview.GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        _overview.GetOpenInterestHistoryAsync(asset, period, query, cancellationToken);

    /// <summary>
    /// <c>/fapi/v1/openInterest</c> alone (weight 1), without the extra mark-price call of
    /// <see cref="GetOpenInterestAsync"/>: the overview already holds every mark from the bulk premiumIndex.
    /// </summary>
    internal async Task<OpenInterestPoint> GetOpenInterestContractsAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var q = new Query().Add("symbol", symbol.Value).ToString();
        var body = await Futures(Paths.OpenInterest, q, 1, null, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseOpenInterest(body, 0m));
    }

    public async Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken)
    {
        var body = await Futures(Paths.ExchangeInfo, "", 1, null, cancellationToken).ConfigureAwait(false);
        var contracts = Parse(() => BinanceParsers.ParseExchangeInfo(body));
        if (BinanceParsers.TryParseRequestWeightPerMinute(body, out var limit))
        {
            _http.AdoptFuturesWeightLimit(limit);
        }
        return contracts;
    }

    public async Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken)
    {
        var body = await Futures(Paths.PremiumIndex, "", 10, null, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParsePremiumIndex(body));
    }

    public async Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken)
    {
        var body = await Futures(Paths.FundingInfo, "", 1, _fundingLimiter, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseFundingInfo(body));
    }

    /// <summary>
    /// Current open interest. The endpoint reports contracts only, so the mark price comes from a second, single-symbol
    /// premiumIndex call (weight 1) to fill <see cref="OpenInterestPoint.ValueUsd"/>.
    /// </summary>
    public async Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var q = new Query().Add("symbol", symbol.Value).ToString();
        var body = await Futures(Paths.OpenInterest, q, 1, null, cancellationToken).ConfigureAwait(false);
        var mark = 0m;
        try
        {
            var premium = await Futures(Paths.PremiumIndex, q, 1, null, cancellationToken).ConfigureAwait(false);
            mark = Parse(() => BinanceParsers.ParsePremiumIndex(premium)).FirstOrDefault(p => p.Symbol == symbol).MarkPrice;
        }
        catch (VenueException)
        {
            // The contract count is the data; the USD value is a convenience. Without a mark it is 0, as documented.
        }
        return Parse(() => BinanceParsers.ParseOpenInterest(body, mark));
    }

    public async Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken)
    {
        var body = await Futures(Paths.FuturesTicker, "", 40, null, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseTickers(body));
    }

    public async Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken)
    {
        var body = await _http.GetAsync(BinanceHost.Spot, Paths.SpotTicker, "", 80, null, cancellationToken).ConfigureAwait(false);
        return Parse(() => BinanceParsers.ParseTickers(body));
    }

    internal static class Paths
    {
        public const string ExchangeInfo = "/fapi/v1/exchangeInfo";
        public const string PremiumIndex = "/fapi/v1/premiumIndex";
        public const string FundingRate = "/fapi/v1/fundingRate";
        public const string FundingInfo = "/fapi/v1/fundingInfo";
        public const string OpenInterest = "/fapi/v1/openInterest";
        public const string OpenInterestHist = "/futures/data/openInterestHist";
        public const string GlobalRatio = "/futures/data/globalLongShortAccountRatio";
        public const string TopAccountRatio = "/futures/data/topLongShortAccountRatio";
        public const string TopPositionRatio = "/futures/data/topLongShortPositionRatio";
        public const string TakerVolume = "/futures/data/takerlongshortRatio";
        public const string Klines = "/fapi/v1/klines";
        public const string FuturesTicker = "/fapi/v1/ticker/24hr";
        public const string SpotTicker = "/api/v3/ticker/24hr";
    }
}
