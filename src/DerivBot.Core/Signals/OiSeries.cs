using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// Open interest prepared once per computation: the points up to <c>now</c> as parallel arrays, plus cached
/// window-change series (used for z-scores against the symbol's own typical moves).
/// </summary>
internal sealed class OiSeries
{
    private readonly Dictionary<long, (double[] Changes, double[] PrefixSum, double[] PrefixSq, int[] PrefixCount)> _cache = [];

    private OiSeries(IReadOnlyList<OpenInterestPoint> points, int count, double maxGapFraction)
    {
        Points = points;
        Count = count;
        MaxGapFraction = maxGapFraction;
        Ticks = new long[count];
        Contracts = new double[count];
        var span = SeriesMath.AsSpan(points)[..count];
        for (var i = 0; i < span.Length; i++)
        {
            Ticks[i] = span[i].Time.UtcTicks;
            Contracts[i] = (double)span[i].Contracts;
        }
    }

    public IReadOnlyList<OpenInterestPoint> Points { get; }
    public int Count { get; }
    public long[] Ticks { get; }
    public double[] Contracts { get; }
    public double MaxGapFraction { get; }

    public static OiSeries From(IReadOnlyList<OpenInterestPoint> points, DateTimeOffset now, double maxGapFraction)
    {
        var count = SeriesMath.LastAtOrBefore(points, p => p.Time, now) + 1;
        return new OiSeries(points, count, maxGapFraction);
    }

    /// <summary>Index of the last point at or before <paramref name="time"/>, or −1.</summary>
    public int IndexAt(DateTimeOffset time) => SeriesMath.LastAtOrBefore(Ticks, Count, time.UtcTicks);

    /// <summary>
    /// Contracts change (fraction) over the window ending at point i, against the value at exactly its time − window
    /// (<see cref="SeriesWindow"/>); null when it cannot be measured (history too short, gap, or zero OI).
    /// </summary>
    public decimal? ContractsChange(int i, TimeSpan window) =>
        SeriesWindow.Change(Points, i, static p => p.Time, static p => p.Contracts, window, MaxGapFraction);

    public decimal? ValueUsdChange(int i, TimeSpan window) =>
        SeriesWindow.Change(Points, i, static p => p.Time, static p => p.ValueUsd, window, MaxGapFraction);

    /// <summary>
    /// Contracts at exactly <paramref name="ideal"/> (ticks) given j, the last point at or before it (and i, the end
    /// point, bounding the point after it): the same rule as <see cref="SeriesWindow"/>, in double for the z-score
    /// passes over the whole history. NaN when missing or not positive.
    /// </summary>
    private double StartContracts(int j, int i, long ideal, long maxGap)
    {
        if (j < 0)
        {
            return double.NaN;
        }
        var w = SeriesWindow.Weight(Ticks[j], j + 1 <= i ? Ticks[j + 1] : null, ideal, maxGap);
        if (double.IsNaN(w))
        {
            return double.NaN;
        }
        var v = w == 0 ? Contracts[j] : Contracts[j] + ((Contracts[j + 1] - Contracts[j]) * w);
        return v > 0 ? v : double.NaN;
    }

    /// <summary>
    /// Z-score of the change ending at point i against all measurable changes ending at earlier points
    /// (no look-ahead). Null when fewer than <paramref name="minSamples"/> earlier changes exist or they do not vary.
    /// </summary>
    public (double? Z, int Samples) ZScore(int i, TimeSpan window, int minSamples)
    {
        double change, sum, sq;
        int count;
        if (!_cache.ContainsKey(window.Ticks) && i == Count - 1)
        {
            // The usual case (the signal now): one streaming pass, no arrays.
            (change, sum, sq, count) = LastChangeStatistics(window);
        }
        else
        {
            var (changes, prefixSum, prefixSq, prefixCount) = ChangeSeries(window);
            (change, sum, sq, count) = (changes[i], prefixSum[i], prefixSq[i], prefixCount[i]);
        }
        if (double.IsNaN(change) || count < minSamples)
        {
            return (null, count);
        }
        var mean = sum / count;
        var variance = (sq / count) - (mean * mean);
        if (variance <= 1e-18)
        {
            return (null, count);
        }
        return ((change - mean) / Math.Sqrt(variance), count);
    }

    private readonly Dictionary<long, (double, double, double, int)> _lastStats = [];

    /// <summary>
    /// Computes <see cref="LastChangeStatistics"/> for several windows in one pass over the history (one start
    /// pointer per window), so the engine's 1 h / 4 h / 24 h z-scores cost one walk instead of three.
    /// </summary>
    public void PrecomputeLast(ReadOnlySpan<TimeSpan> windows)
    {
        var distinct = new List<long>(windows.Length);
        foreach (var w in windows)
        {
            if (w > TimeSpan.Zero && !distinct.Contains(w.Ticks) && !_lastStats.ContainsKey(w.Ticks))
            {
                distinct.Add(w.Ticks);
            }
        }
        var m = distinct.Count;
        if (m == 0 || Count == 0)
        {
            return;
        }
        Span<long> span = stackalloc long[m];
        Span<long> maxGap = stackalloc long[m];
        Span<int> j = stackalloc int[m];
        Span<double> s = stackalloc double[m];
        Span<double> q = stackalloc double[m];
        Span<double> last = stackalloc double[m];
        Span<int> c = stackalloc int[m];
        for (var k = 0; k < m; k++)
        {
            span[k] = distinct[k];
            maxGap[k] = (long)(distinct[k] * MaxGapFraction);
            j[k] = -1;
            last[k] = double.NaN;
        }
        for (var i = 0; i < Count; i++)
        {
            var ti = Ticks[i];
            var ci = Contracts[i];
            for (var k = 0; k < m; k++)
            {
                var ideal = ti - span[k];
                var jk = j[k];
                while (jk + 1 < i && Ticks[jk + 1] <= ideal)
                {
                    jk++;
                }
                j[k] = jk;
                var start = StartContracts(jk, i, ideal, maxGap[k]);
                if (double.IsNaN(start))
                {
                    if (i == Count - 1)
                    {
                        last[k] = double.NaN;
                    }
                    continue;
                }
                var x = (ci - start) / start;
                if (i == Count - 1)
                {
                    last[k] = x;
                }
                else
                {
                    s[k] += x;
                    q[k] += x * x;
                    c[k]++;
                }
            }
        }
        for (var k = 0; k < m; k++)
        {
            _lastStats[span[k]] = (last[k], s[k], q[k], c[k]);
        }
    }

    /// <summary>The change ending at the last point and the sums over all measurable changes before it.</summary>
    private (double Change, double Sum, double Sq, int Count) LastChangeStatistics(TimeSpan window)
    {
        if (_lastStats.TryGetValue(window.Ticks, out var cached))
        {
            return cached;
        }
        var maxGap = (long)(window.Ticks * MaxGapFraction);
        var j = -1;
        double s = 0, q = 0, last = double.NaN;
        var c = 0;
        for (var i = 0; i < Count; i++)
        {
            var ideal = Ticks[i] - window.Ticks;
            while (j + 1 < i && Ticks[j + 1] <= ideal)
            {
                j++;
            }
            var start = StartContracts(j, i, ideal, maxGap);
            var x = double.IsNaN(start) ? double.NaN : (Contracts[i] - start) / start;
            if (i == Count - 1)
            {
                last = x;
            }
            else if (!double.IsNaN(x))
            {
                s += x;
                q += x * x;
                c++;
            }
        }
        var result = (last, s, q, c);
        _lastStats[window.Ticks] = result;
        return result;
    }

    /// <summary>Changes at every point (NaN where not measurable) and prefix sums over points strictly before each index.</summary>
    private (double[] Changes, double[] PrefixSum, double[] PrefixSq, int[] PrefixCount) ChangeSeries(TimeSpan window)
    {
        if (_cache.TryGetValue(window.Ticks, out var cached))
        {
            return cached;
        }
        var changes = new double[Count];
        var prefixSum = new double[Count];
        var prefixSq = new double[Count];
        var prefixCount = new int[Count];
        var maxGap = (long)(window.Ticks * MaxGapFraction);
        var j = -1;
        double s = 0, q = 0;
        var c = 0;
        for (var i = 0; i < Count; i++)
        {
            prefixSum[i] = s;
            prefixSq[i] = q;
            prefixCount[i] = c;
            var ideal = Ticks[i] - window.Ticks;
            while (j + 1 < i && Ticks[j + 1] <= ideal)
            {
                j++;
            }
            var start = StartContracts(j, i, ideal, maxGap);
            if (!double.IsNaN(start))
            {
                var x = (Contracts[i] - start) / start;
                changes[i] = x;
                s += x;
                q += x * x;
                c++;
            }
            else
            {
                changes[i] = double.NaN;
            }
        }
        var result = (changes, prefixSum, prefixSq, prefixCount);
        _cache[window.Ticks] = result;
        return result;
    }
}
