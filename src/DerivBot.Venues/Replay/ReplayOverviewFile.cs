namespace DerivBot.Venues.Replay;

/// <summary>One venue's listings in the scenario.</summary>
internal sealed record ReplayOverviewFile(string Venue, bool HasHistory, IReadOnlyDictionary<string, ReplayOverviewListing> Listings);

/// <summary>One listing's 5-minute rows in the venue's own units.</summary>
internal sealed class ReplayOverviewListing
{
    public required string Instrument { get; init; }
    public required int IntervalHours { get; init; }
    public required decimal CoinsPerContract { get; init; }
    public required decimal CoinsPerPriceUnit { get; init; }
    public required long[] Times { get; init; }
    public required decimal[] Mark { get; init; }
    public required decimal[] Rate { get; init; }
    public required decimal[] Contracts { get; init; }
    public required decimal[] Volume { get; init; }

    public int CountAtOrBefore(long ms)
    {
        var i = Array.BinarySearch(Times, ms);
        return i < 0 ? ~i : i + 1;
    }
}
