using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

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
