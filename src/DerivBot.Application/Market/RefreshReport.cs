using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Market;

/// <summary>A venue call the store made, for logs and tests. <paramref name="Symbol"/> is null for all-market calls.</summary>
public sealed record VenueCall(string Endpoint, Symbol? Symbol)
{
    public bool IsBulk => Symbol is null;

    public override string ToString() => Symbol is { } s ? $"{Endpoint} {s}" : Endpoint;
}

/// <summary>Why one symbol (or the bulk step, with a null symbol) could not be refreshed.</summary>
public sealed record RefreshFailure(Symbol? Symbol, VenueErrorKind Kind, string Message);

/// <summary>What one <see cref="MarketStore.RefreshAsync"/> cycle did.</summary>
/// <param name="Calls">Every venue call made, in order of completion.</param>
/// <param name="Refreshed">Symbols whose data was brought up to date.</param>
/// <param name="Loaded">Symbols loaded (backfilled) for the first time in this cycle.</param>
/// <param name="Evicted">Symbols dropped from memory because nobody watched or read them within the warm lease.</param>
/// <param name="BackoffUntil">Set when the venue asked us to stay away (Retry-After): no calls before this instant.</param>
public sealed record RefreshReport(
    DateTimeOffset Started,
    IReadOnlyList<VenueCall> Calls,
    IReadOnlyList<Symbol> Refreshed,
    IReadOnlyList<Symbol> Loaded,
    IReadOnlyList<Symbol> Evicted,
    IReadOnlyList<RefreshFailure> Failures,
    DateTimeOffset? BackoffUntil)
{
    public int BulkCalls => Calls.Count(c => c.IsBulk);

    public int PerSymbolCalls => Calls.Count(c => !c.IsBulk);

    /// <summary>True when the cycle made no call because an earlier Retry-After has not passed yet.</summary>
    public bool SkippedForBackoff { get; init; }
}
