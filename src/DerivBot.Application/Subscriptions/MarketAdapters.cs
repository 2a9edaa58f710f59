using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>The refresh job's view of the market store: the watched set is the union the job computed, nothing more.</summary>
internal sealed class MarketStoreRefresher(MarketStore store) : IMarketRefresher
{
    private readonly object _gate = new();
    private HashSet<Symbol> _watched = [];

    public string VenueName => store.VenueName;

    public void Watch(IReadOnlyCollection<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        lock (_gate)
        {
            var next = symbols.ToHashSet();
            foreach (var added in next.Except(_watched))
            {
                store.Watch(added);
            }
            foreach (var removed in _watched.Except(next))
            {
                store.Unwatch(removed);
            }
            _watched = next;
        }
    }

    public Task RefreshAsync(CancellationToken cancellationToken) => store.RefreshAsync(cancellationToken);
}

/// <summary>
/// Quadrant alerts classify with the same model and the same inputs the reports show (one source of truth): with other
/// venues configured, the cross-venue aggregate the refresh cycle just fetched (no venue call here) is fed in exactly as
/// <c>/quadrant</c> feeds it (<see cref="Venues.AggregateInputs"/>).
/// </summary>
internal sealed class SignalQuadrantClassifier(IOptions<SignalOptions> options, Venues.VenueAggregator? venues = null) : IQuadrantClassifier
{
    public QuadrantState Classify(MarketSnapshot snapshot, DateTimeOffset now)
    {
        var cached = venues is { IsEnabled: true } ? venues.Cached(AssetNames.AssetOf(snapshot.Symbol.Value)) : null;
        if (cached is not null && now - cached.Time > Commands.SymbolQuery.AggregateMaxAge)
        {
            cached = null; // the venues have not answered for a while: the primary's own inputs, as /quadrant would fall back
        }
        var input = Venues.AggregateInputs.For(snapshot, cached, now)?.QuadrantSnapshot ?? snapshot;
        return QuadrantModel.Evaluate(input, now, options.Value).State;
    }
}
