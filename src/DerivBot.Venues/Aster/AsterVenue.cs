using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Binance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Venues.Aster;

/// <summary>
/// Aster's futures API (<c>fapi.asterdex.com</c>), which follows Binance's <c>/fapi/v1</c> paths and payload shapes: the
/// Binance client and parsers, built with Aster's base URL (<c>Venues:Aster:RestUrl</c>), the venue name <c>aster</c>
/// and rate-limit gates of its own (2400 weight per minute like Binance, replaced by exchangeInfo's <c>rateLimits</c>).
/// Full <see cref="IMarketDataVenue"/> (it can be a primary) and <see cref="IVenueOverview"/>.
/// Differences from Binance (see <c>docs/venues/aster.md</c>):
/// <list type="bullet">
/// <item>no spot tickers on this host: <see cref="GetSpotTickersAsync"/> is empty (no request);</item>
/// <item><c>fundingInfo</c> names the bounds <c>fundingFeeCap</c>/<c>fundingFeeFloor</c> (accepted by the shared parser);</item>
/// <item><c>/futures/data/*</c> (OI history, long/short ratios, taker volume) are not in Aster's docs: a 404 there yields
/// an empty list instead of failing the snapshot.</item>
/// </list>
/// </summary>
public sealed class AsterVenue : IMarketDataVenue, IVenueOverview
{
    private readonly BinanceMarketDataVenue _fapi;
    private readonly IVenueOverview _overview;

    public AsterVenue(HttpClient http, IOptions<AsterOptions> options, IOptions<VenuesOptions> venues, TimeProvider time, ILogger<AsterVenue> logger)
        : this(http, options, venues, time, logger, Random.Shared.NextDouble)
    {
    }

    internal AsterVenue(HttpClient http, IOptions<AsterOptions> options, IOptions<VenuesOptions> venues, TimeProvider time, ILogger<AsterVenue> logger, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(venues);
        var timeout = venues.Value.RequestTimeout;
        var fapi = new BinanceOptions
        {
            FuturesRestUrl = options.Value.RestUrl,
            // Never called (no spot here); set so the unused spot gate has a valid host.
            SpotRestUrl = options.Value.RestUrl,
            RequestTimeout = timeout,
        };
        _fapi = new BinanceMarketDataVenue(VenueIds.Aster, BinanceHttp.FuturesWeightPerMinute, http, fapi, timeout, time, logger, random);
        _overview = _fapi;
    }

    public string Name => VenueIds.Aster;

    internal BinanceMarketDataVenue Fapi => _fapi;

    public Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken) => _fapi.GetPerpetualsAsync(cancellationToken);

    public Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken) => _fapi.GetPremiumIndexAsync(cancellationToken);

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken) =>
        _fapi.GetFundingHistoryAsync(symbol, query, cancellationToken);

    public Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken) => _fapi.GetFundingInfoAsync(cancellationToken);

    public Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken) => _fapi.GetOpenInterestAsync(symbol, cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        EmptyIfMissing(() => _fapi.GetOpenInterestHistoryAsync(symbol, period, query, cancellationToken));

    public Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        EmptyIfMissing(() => _fapi.GetLongShortRatioAsync(symbol, kind, period, query, cancellationToken));

    public Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        EmptyIfMissing(() => _fapi.GetTakerVolumeAsync(symbol, period, query, cancellationToken));

    public Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken) =>
        _fapi.GetKlinesAsync(symbol, interval, query, cancellationToken);

    public Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken) => _fapi.GetFuturesTickersAsync(cancellationToken);

    /// <summary>Aster's futures host has no spot tickers (its spot API is a separate product): empty, no request.</summary>
    public Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Ticker24h>>([]);

    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken) =>
        _overview.GetStatsAsync(assets, cancellationToken);

    Task<IReadOnlyList<OpenInterestPoint>> IVenueOverview.GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken) =>
        _overview.GetOpenInterestHistoryAsync(asset, period, query, cancellationToken);

    /// <summary>An endpoint Aster does not have (HTTP 404) is "no data", not a failure of the whole snapshot.</summary>
    private static async Task<IReadOnlyList<T>> EmptyIfMissing<T>(Func<Task<IReadOnlyList<T>>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VenueException ex) when (ex.HttpStatus == 404)
        {
            return [];
        }
    }
}
