using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Venues;

/// <summary>Why a venue is missing from an answer.</summary>
/// <param name="RetryAfter">How long the venue asked us to stay away, when it said.</param>
public sealed record VenueFailure(string Venue, VenueErrorKind Kind, TimeSpan? RetryAfter = null);

/// <summary>
/// One asset across every registered venue at one instant: the rows and aggregate (<see cref="VenueComparison"/>),
/// the venues whose latest call failed, and the instant it was taken.
/// </summary>
/// <param name="Missing">Venues whose latest call failed (a stale row may still show their last good figures).</param>
/// <param name="Venues">Every venue asked, in display order.</param>
/// <param name="Histories">OI history (coins, oldest first) of each venue that answered, as used for the aggregate changes.</param>
public sealed record VenueSnapshot(
    string Asset,
    VenueComparison Comparison,
    IReadOnlyList<VenueFailure> Missing,
    IReadOnlyList<string> Venues,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, IReadOnlyList<OpenInterestPoint>> Histories)
{
    /// <summary>True when at least one venue answered for the asset (a fresh row).</summary>
    public bool HasData => Comparison.Aggregate.Venues > 0;

    /// <summary>Venues with a fresh row, largest OI first.</summary>
    public IEnumerable<string> Answered => Comparison.Rows.Where(r => !r.Stale).Select(r => r.Stat.Venue);
}
