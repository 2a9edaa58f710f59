using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>
/// The cross-venue view of one perpetuals venue: what the aggregation (<c>/venues</c>, aggregated OI, OI-weighted
/// funding) reads. One implementation per venue, beside that venue's <see cref="IMarketDataVenue"/> where it has one.
/// Failures surface as <see cref="VenueException"/> naming the venue; the caller treats that venue as missing and
/// carries on with the others.
/// </summary>
public interface IVenueOverview
{
    /// <summary>Venue id, one of <see cref="VenueIds"/>.</summary>
    string Name { get; }

    /// <summary>
    /// Current figures for the venue's USDT/USD(C)-margined linear perpetual of each asked asset (canonical names,
    /// <see cref="AssetNames"/>: <c>BTC</c>, <c>PEPE</c>), at most one row per asset. Venues with a bulk endpoint
    /// answer from one call whatever the number of assets; per-instrument calls are made only for the asked assets
    /// and only where the venue has no bulk form. Assets the venue does not list are simply absent.
    /// </summary>
    Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken);

    /// <summary>
    /// Open interest history of the venue's listing of <paramref name="asset"/>, oldest first, with
    /// <see cref="OpenInterestPoint.Contracts"/> in COINS of the canonical asset (multipliers and contract sizes applied)
    /// and <see cref="OpenInterestPoint.ValueUsd"/> in USD. Empty when the venue publishes no OI history.
    /// </summary>
    Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken);
}
