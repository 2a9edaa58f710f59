namespace DerivBot.Core.Signals;

/// <summary>
/// The one rule for "the value at exactly time t" and "the change over a window w", used by every signal that names a
/// window (OI 1 h / 4 h / 24 h and their z-scores, the quadrant's ΔOI and Δfunding, price × OI, market phase, OI alerts).
/// <list type="bullet">
/// <item>The value at t is interpolated linearly between the last point at or before t and the first point after it,
/// when both lie within the tolerance of t.</item>
/// <item>Otherwise it is the last point at or before t, when that lies within the tolerance (the point after t is
/// never used alone: that would silently shorten the window).</item>
/// <item>Otherwise — history does not reach back, or a gap surrounds t — it is missing (null).</item>
/// </list>
/// The change over w ending at a point compares that point with the value at exactly (its time − w); the tolerance is
/// <c>w × Signals:OpenInterest:MaxStartGapFraction</c> (default 25 %: 15 min for 1 h, 1 h for 4 h, 6 h for 24 h).
/// </summary>
public static class SeriesWindow
{
    /// <summary>
    /// Where the value at <paramref name="at"/> lies between the point at or before it (time <paramref name="before"/>)
    /// and the next point (time <paramref name="after"/>, or null when there is none): the weight of the later point,
    /// 0..1 (0 = use the earlier point alone), or NaN when the value is missing. Times are UTC ticks.
    /// </summary>
    public static double Weight(long before, long? after, long at, long tolerance)
    {
        if (before > at || at - before > tolerance)
        {
            return double.NaN;
        }
        if (before == at || after is not { } next || next <= before || next - at > tolerance)
        {
            return 0;
        }
        return (double)(at - before) / (next - before);
    }

    /// <summary>
    /// The value at exactly <paramref name="at"/> in the first <paramref name="count"/> points of a series sorted oldest
    /// first (see the class remarks), or null.
    /// </summary>
    public static decimal? ValueAt<T>(
        IReadOnlyList<T> points, int count, Func<T, DateTimeOffset> timeOf, Func<T, decimal> valueOf, DateTimeOffset at, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(timeOf);
        ArgumentNullException.ThrowIfNull(valueOf);
        count = Math.Min(count, points.Count);
        var j = Math.Min(SeriesMath.LastAtOrBefore(points, timeOf, at), count - 1);
        if (j < 0)
        {
            return null;
        }
        var before = timeOf(points[j]).UtcTicks;
        long? after = j + 1 < count ? timeOf(points[j + 1]).UtcTicks : null;
        var w = Weight(before, after, at.UtcTicks, tolerance.Ticks);
        if (double.IsNaN(w))
        {
            return null;
        }
        var v0 = valueOf(points[j]);
        if (w == 0)
        {
            return v0;
        }
        // Decimal weight from the tick distances keeps a straight line exact to decimal rounding.
        var wd = (decimal)(at.UtcTicks - before) / (after!.Value - before);
        return v0 + ((valueOf(points[j + 1]) - v0) * wd);
    }

    /// <summary>
    /// Fractional change (0.05 = +5 %) over <paramref name="window"/> ending at point <paramref name="end"/>: that
    /// point's value against the value at exactly its time − <paramref name="window"/>. Null when the start value is
    /// missing or zero.
    /// </summary>
    public static decimal? Change<T>(
        IReadOnlyList<T> points, int end, Func<T, DateTimeOffset> timeOf, Func<T, decimal> valueOf, TimeSpan window, double maxGapFraction)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (end < 0 || end >= points.Count)
        {
            return null;
        }
        var start = ValueAt(points, end + 1, timeOf, valueOf, timeOf(points[end]) - window, Tolerance(window, maxGapFraction));
        return start is { } s ? SeriesMath.Fraction(s, valueOf(points[end])) : null;
    }

    /// <summary>The tolerance for a window: <paramref name="window"/> × <paramref name="maxGapFraction"/>.</summary>
    public static TimeSpan Tolerance(TimeSpan window, double maxGapFraction) => TimeSpan.FromTicks((long)(window.Ticks * maxGapFraction));
}
