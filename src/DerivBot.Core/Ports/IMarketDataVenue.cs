using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>
/// Request/response market data from one venue. Implementations: the Binance USDⓈ-M client and the replay venue.
/// Failures surface as <see cref="VenueException"/>; cancellation by the caller as <see cref="OperationCanceledException"/>.
/// </summary>
public interface IMarketDataVenue
{
    /// <summary>Short venue id used in reports and storage, e.g. <c>binance</c>.</summary>
    string Name { get; }

    /// <summary>Perpetual USDT-margined contracts that are trading.</summary>
    Task<IReadOnlyList<PerpetualContract>> GetPerpetualsAsync(CancellationToken cancellationToken);

    /// <summary>Mark price and predicted funding for all symbols in one call.</summary>
    Task<IReadOnlyList<PremiumIndex>> GetPremiumIndexAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FundingRatePoint>> GetFundingHistoryAsync(Symbol symbol, HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>Symbols whose funding interval/cap/floor were adjusted; any symbol not listed settles every 8 h.</summary>
    Task<IReadOnlyList<FundingInfoEntry>> GetFundingInfoAsync(CancellationToken cancellationToken);

    /// <summary>Current open interest. <see cref="OpenInterestPoint.ValueUsd"/> may be 0 when the venue does not send it.</summary>
    Task<OpenInterestPoint> GetOpenInterestAsync(Symbol symbol, CancellationToken cancellationToken);

    Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<RatioPoint>> GetLongShortRatioAsync(Symbol symbol, RatioKind kind, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<TakerVolumePoint>> GetTakerVolumeAsync(Symbol symbol, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Kline>> GetKlinesAsync(Symbol symbol, KlineInterval interval, HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>Futures 24 h tickers for all symbols in one call.</summary>
    Task<IReadOnlyList<Ticker24h>> GetFuturesTickersAsync(CancellationToken cancellationToken);

    /// <summary>Spot 24 h tickers for all symbols in one call (for derivatives/spot volume ratios).</summary>
    Task<IReadOnlyList<Ticker24h>> GetSpotTickersAsync(CancellationToken cancellationToken);
}
