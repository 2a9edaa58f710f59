using DerivBot.Application.Subscriptions;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Venues;

/// <summary>
/// Hooks the cross-venue view into the refresh cycle: the watched symbols' canonical coins (<c>BTCUSDT</c> and
/// <c>BTC-USDT-SWAP</c> are both <c>BTC</c>) are asked of every venue once per cycle, so OI histories grow and reports
/// read a recent aggregate without waiting for the venues.
/// </summary>
internal sealed class VenueOverviewRefresher(VenueAggregator aggregator) : IMarketRefresher
{
    private volatile string[] _assets = [];

    public string VenueName => "venues";

    public void Watch(IReadOnlyCollection<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _assets = symbols.Select(s => AssetNames.AssetOf(s.Value)).Distinct(StringComparer.Ordinal).ToArray();
    }

    public Task RefreshAsync(CancellationToken cancellationToken) =>
        aggregator.IsEnabled && _assets.Length > 0 ? aggregator.RefreshAsync(_assets, cancellationToken) : Task.CompletedTask;
}
