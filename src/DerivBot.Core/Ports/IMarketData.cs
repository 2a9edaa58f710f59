using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>
/// What command handlers, jobs and alerts read market data through: the in-memory market store of the configured
/// venue, which loads a symbol on first use and keeps it fresh while someone watches it. Never calls the venue per
/// chat: many readers of one symbol share one set of venue calls.
/// </summary>
public interface IMarketData
{
    /// <summary>Venue id shown in report footers.</summary>
    string VenueName { get; }

    /// <summary>The tradable perpetual universe (cached; loaded on first use).</summary>
    Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The latest snapshot of <paramref name="symbol"/>, loading and backfilling it first if nobody watched it yet.
    /// When a refresh fails the last good data comes back with <see cref="MarketSnapshot.RefreshFailed"/> set;
    /// when there never was good data, the <see cref="VenueException"/> propagates.
    /// </summary>
    Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken);
}
