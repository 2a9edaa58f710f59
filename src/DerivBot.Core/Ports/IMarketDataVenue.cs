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

/// <summary>
/// The push side of a venue: one long-lived connection carrying all-market mark prices and liquidations.
/// <see cref="RunAsync"/> returns only when cancelled; it reconnects by itself and reports its health through the handler.
/// </summary>
public interface IMarketStream
{
    string Name { get; }

    Task RunAsync(IMarketStreamHandler handler, CancellationToken cancellationToken);
}

/// <summary>
/// A stream that only adds liquidations from another venue (Bybit, OKX) to the merged flow: it never carries mark
/// prices, and its connection state is logged rather than shown as the market stream's health.
/// </summary>
public interface ILiquidationStream : IMarketStream
{
}

/// <summary>Receives what an <see cref="IMarketStream"/> delivers. Called from the stream's reader; keep it quick.</summary>
public interface IMarketStreamHandler
{
    /// <summary>A batch of mark-price updates (Binance <c>!markPrice@arr@1s</c>).</summary>
    void OnMarkPrices(IReadOnlyList<PremiumIndex> updates);

    void OnLiquidation(Liquidation liquidation);

    /// <summary>Connection state changes: connected, disconnected with a reason, silent, rotated.</summary>
    void OnStatus(StreamStatus status);
}

public enum StreamState { Connecting, Connected, Disconnected, Silent, Rotating }

/// <summary>A health report from a stream. <paramref name="Detail"/> never contains secrets.</summary>
public sealed record StreamStatus(StreamState State, DateTimeOffset Time, string? Detail = null);

/// <summary>What went wrong talking to a venue, in terms the caller can act on.</summary>
public enum VenueErrorKind
{
    Unreachable,
    RateLimited,
    Banned,
    InvalidSymbol,
    BadResponse,
    ServerError,
    Timeout,

    /// <summary>The venue refuses this location (HTTP 451, Binance from the US and some cloud regions): retrying never helps,
    /// another venue must answer instead.</summary>
    RegionBlocked,
}

/// <summary>The one exception type venue adapters throw. Messages are safe to show to users and contain no secrets.</summary>
public sealed class VenueException : Exception
{
    public VenueException(string venue, VenueErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Venue = venue;
        Kind = kind;
    }

    public string Venue { get; }
    public VenueErrorKind Kind { get; }

    /// <summary>HTTP status, when there was a response.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Venue error code (Binance <c>code</c>), when the body had one.</summary>
    public int? VendorCode { get; init; }

    /// <summary>How long the venue asked us to stay away (429/418 <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
