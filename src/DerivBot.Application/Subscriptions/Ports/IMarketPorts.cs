using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Subscriptions.Ports;

/// <summary>
/// "Keep these symbols fresh" and "refresh now", as the refresh job needs them from the market store. The lead adapts
/// the market store (its <c>RefreshAsync(CancellationToken)</c>) to this port, so the job never depends on its type.
/// </summary>
public interface IMarketRefresher
{
    /// <summary>The venue the refresher serves (one refresh job per venue).</summary>
    string VenueName { get; }

    /// <summary>Replaces the watched set: exactly these symbols are refreshed from now on (each once per cycle).</summary>
    void Watch(IReadOnlyCollection<Symbol> symbols);

    /// <summary>Refreshes every watched symbol once (one set of venue calls per symbol).</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>Classifies a snapshot into the quadrant model (adapted by the lead to the signals engine).</summary>
public interface IQuadrantClassifier
{
    QuadrantState Classify(MarketSnapshot snapshot, DateTimeOffset now);
}

/// <summary>
/// The bot's own history of funding, open interest and long/short ratios for watched symbols, kept 90 days so that
/// percentiles reach past the 30 days Binance serves. Writers record what each refresh saw; readers (alerts, and the
/// report side through this port) merge it with the live snapshot. Series are returned oldest first, one point per
/// timestamp.
/// </summary>
public interface IMarketHistoryStore
{
    /// <summary>Stores the points (duplicates by time are ignored). Rates: fraction per interval; OI: contracts and USD.</summary>
    Task RecordAsync(string venue, Symbol symbol, IReadOnlyList<FundingRatePoint> funding, IReadOnlyList<OpenInterestPoint> openInterest, IReadOnlyList<RatioPoint> globalAccountRatio, CancellationToken cancellationToken);

    Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Global account long/short ratio points.</summary>
    Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes points older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>
/// Tells the scheduler that subscriptions changed so the digest trigger moves to the new earliest due time at once.
/// The host implements it with Quartz; without a scheduler it does nothing.
/// </summary>
public interface IScheduleNotifier
{
    Task SchedulesChangedAsync(CancellationToken cancellationToken);
}

/// <summary>Wakes the outbox drainer when messages were enqueued, so it does not wait for its poll interval.</summary>
public interface IOutboxSignal
{
    void Notify();
}
