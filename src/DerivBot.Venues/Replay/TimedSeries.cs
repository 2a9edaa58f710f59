using DerivBot.Core.Markets;

namespace DerivBot.Venues.Replay;

/// <summary>A time-sorted series with its instants (Unix ms) for binary search.</summary>
internal sealed class TimedSeries<T>
{
    public TimedSeries(IReadOnlyList<T> rows, Func<T, DateTimeOffset> timeOf)
    {
        var sorted = rows.OrderBy(timeOf).ToArray();
        Rows = sorted;
        Times = sorted.Select(r => timeOf(r).ToUnixTimeMilliseconds()).ToArray();
    }

    public T[] Rows { get; }

    public long[] Times { get; }

    /// <summary>Number of rows with time ≤ <paramref name="ms"/>.</summary>
    public int CountAtOrBefore(long ms)
    {
        var i = Array.BinarySearch(Times, ms);
        if (i < 0)
        {
            return ~i;
        }
        while (i + 1 < Times.Length && Times[i + 1] == ms)
        {
            i++;
        }
        return i + 1;
    }

    /// <summary>Index of the first row with time ≥ <paramref name="ms"/>.</summary>
    public int FirstAtOrAfter(long ms)
    {
        var i = Array.BinarySearch(Times, ms);
        if (i < 0)
        {
            return ~i;
        }
        while (i > 0 && Times[i - 1] == ms)
        {
            i--;
        }
        return i;
    }

    /// <summary>
    /// Binance's window rules "as of" <paramref name="asOf"/>: nothing after it; with a start, the first
    /// limit rows from start; otherwise the latest limit rows up to end (limit = the query's, clamped to the endpoint's).
    /// </summary>
    public IReadOnlyList<T> Query(HistoryQuery query, DateTimeOffset asOf, int defaultLimit, int maxLimit)
    {
        var limit = Math.Clamp(query.Limit ?? defaultLimit, 1, maxLimit);
        var end = query.End is { } e && e < asOf ? e : asOf;
        var hi = CountAtOrBefore(end.ToUnixTimeMilliseconds());
        int lo;
        if (query.Start is { } s)
        {
            lo = FirstAtOrAfter(s.ToUnixTimeMilliseconds());
            hi = Math.Min(hi, lo + limit);
        }
        else
        {
            lo = Math.Max(0, hi - limit);
        }
        return hi <= lo ? [] : Rows[lo..hi];
    }

    /// <summary>The newest row at or before <paramref name="ms"/>, if any.</summary>
    public bool TryLatest(long ms, out T row)
    {
        var n = CountAtOrBefore(ms);
        row = n > 0 ? Rows[n - 1] : default!;
        return n > 0;
    }
}
