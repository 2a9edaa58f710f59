namespace DerivBot.Core.Signals;

/// <summary>
/// Small numeric helpers shared by the signals. Statistics that are dimensionless (z-scores, standard deviations
/// used only for comparison, percentiles, RSI) run in double because they touch every point of long histories;
/// reported rates, prices and amounts stay decimal.
/// </summary>
internal static class SeriesMath
{
    /// <summary>Index of the last element whose time is ≤ <paramref name="time"/>, or −1. Input sorted oldest first; duplicates allowed.</summary>
    public static int LastAtOrBefore(long[] ticks, int count, long time)
    {
        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (ticks[mid] <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>Same as <see cref="LastAtOrBefore(long[], int, long)"/> over a list with a time selector.</summary>
    public static int LastAtOrBefore<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> timeOf, DateTimeOffset time)
    {
        int lo = 0, hi = items.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (timeOf(items[mid]) <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>
    /// The list's elements as a span without copying when it is an array, a List or an ImmutableArray (what the
    /// market store hands out); other lists are copied once.
    /// </summary>
    public static ReadOnlySpan<T> AsSpan<T>(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> l => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(l),
        System.Collections.Immutable.ImmutableArray<T> ia => ia.AsSpan(),
        _ => list.ToArray(),
    };

    /// <summary>Percentile rank from counts of samples below and equal to the value, ties counted half (0..1).</summary>
    public static double PercentileRank(int below, int equal, int count) => count == 0 ? double.NaN : (below + 0.5 * equal) / count;

    /// <summary>Share of <paramref name="samples"/> at or below <paramref name="value"/>, ties counted half (0..1).</summary>
    public static double PercentileRank(ReadOnlySpan<double> samples, double value)
    {
        if (samples.Length == 0)
        {
            return double.NaN;
        }
        var below = 0;
        var equal = 0;
        foreach (var s in samples)
        {
            if (s < value)
            {
                below++;
            }
            else if (s == value)
            {
                equal++;
            }
        }
        return (below + 0.5 * equal) / samples.Length;
    }

    public static int Sign(decimal d) => d > 0 ? 1 : d < 0 ? -1 : 0;

    /// <summary>0.5 at the threshold, rising linearly to 1 at <paramref name="scale"/> past it; used to build confidences.</summary>
    public static double Strength(double excess, double scale)
    {
        if (scale <= 0 || double.IsNaN(excess))
        {
            return 0.5;
        }
        return Math.Clamp(0.5 + 0.5 * excess / scale, 0.5, 1.0);
    }

    public static decimal? Fraction(decimal from, decimal to) => from == 0 ? null : (to - from) / from;

    public static decimal ToDecimal(double d) =>
        double.IsNaN(d) || double.IsInfinity(d) ? 0m : (decimal)Math.Clamp(d, -1e15, 1e15);
}
