using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

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
