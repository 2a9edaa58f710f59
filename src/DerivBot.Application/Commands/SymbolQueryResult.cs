using DerivBot.Application.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Commands;

/// <summary>A resolved symbol's snapshot with the context to report it in, and the arguments after the symbol.</summary>
/// <param name="Signals">Every signal computed once from the snapshot at the context's now (one source of truth for all
/// reports); the quadrant is evaluated with the cross-venue aggregate fed in when there is one (<see cref="AggregateInputs"/>).</param>
/// <param name="Aggregate">The cross-venue view of the symbol's coin, or null when no other venue is configured or none answered.</param>
public sealed record SymbolQueryResult(MarketSnapshot Snapshot, SignalReport Signals, ReportContext Context, IReadOnlyList<string> Rest, AggregateView? Aggregate = null)
{
    /// <summary>The venues' answer behind <see cref="Aggregate"/> (also when it could not feed the quadrant), or null.</summary>
    public VenueSnapshot? Venues { get; init; }
}
