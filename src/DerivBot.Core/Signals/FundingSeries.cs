using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Funding prepared once per computation: resolved interval, settled and predicted samples up to <c>now</c>.</summary>
internal sealed class FundingSeries
{
    private readonly long[] _predTicks;
    private readonly double[] _predSum;
    private readonly double[] _predSq;
    private readonly int[] _predFlips;
    private readonly long[] _settledTicks;

    private FundingSeries(MarketSnapshot s, DateTimeOffset now)
    {
        Settled = s.FundingHistory;
        SettledCount = SeriesMath.LastAtOrBefore(s.FundingHistory, p => p.Time, now) + 1;
        Predicted = s.PredictedFunding;
        PredictedCount = SeriesMath.LastAtOrBefore(s.PredictedFunding, p => p.Time, now) + 1;
        IntervalHours = ResolveInterval(s.FundingIntervalHours, Settled, SettledCount);

        _settledTicks = new long[SettledCount];
        for (var i = 0; i < SettledCount; i++)
        {
            _settledTicks[i] = Settled[i].Time.UtcTicks;
        }

        // Prefix sums over the predicted samples (8 h-equivalent) so that window dispersion is O(1) per query.
        var n = PredictedCount;
        _predTicks = new long[n];
        _predSum = new double[n + 1];
        _predSq = new double[n + 1];
        _predFlips = new int[n + 1];
        var factor = IntervalHours > 0 ? 8.0 / IntervalHours : 1.0;
        for (var i = 0; i < n; i++)
        {
            _predTicks[i] = Predicted[i].Time.UtcTicks;
            var x = (double)Predicted[i].Rate * factor;
            _predSum[i + 1] = _predSum[i] + x;
            _predSq[i + 1] = _predSq[i] + (x * x);
            var flip = i > 0 && Predicted[i].Rate * Predicted[i - 1].Rate < 0 ? 1 : 0;
            _predFlips[i + 1] = _predFlips[i] + flip;
        }

        if (s.Premium is { } premium && IntervalHours > 0)
        {
            CurrentPredicted = premium.FundingRate;
        }
        else if (PredictedCount > 0)
        {
            CurrentPredicted = Predicted[PredictedCount - 1].Rate;
        }
    }

    public IReadOnlyList<FundingRatePoint> Settled { get; }
    public int SettledCount { get; }
    public IReadOnlyList<FundingRatePoint> Predicted { get; }
    public int PredictedCount { get; }

    /// <summary>Funding interval in hours; 0 when neither the venue nor the settlement spacing gives a usable one.</summary>
    public int IntervalHours { get; }

    /// <summary>Latest predicted rate (fraction per interval): the premium index, else the newest predicted sample.</summary>
    public decimal? CurrentPredicted { get; }

    public FundingRatePoint? LastSettled => SettledCount > 0 ? Settled[SettledCount - 1] : null;

    public static FundingSeries From(MarketSnapshot s, DateTimeOffset now) => new(s, now);

    public decimal ToPer8h(decimal perInterval) => perInterval * 8m / IntervalHours;

    /// <summary>The funding "now" as 8 h-equivalent: predicted when known, else last settled.</summary>
    public decimal? CurrentPer8h =>
        IntervalHours <= 0 ? null
        : CurrentPredicted is { } p ? ToPer8h(p)
        : LastSettled is { } l ? ToPer8h(l.Rate)
        : null;

    /// <summary>8 h-equivalent funding as known at <paramref name="time"/>: newest predicted sample, else newest settlement.</summary>
    public decimal? Per8hAt(DateTimeOffset time)
    {
        if (IntervalHours <= 0)
        {
            return null;
        }
        var p = SeriesMath.LastAtOrBefore(_predTicks, PredictedCount, time.UtcTicks);
        if (p >= 0)
        {
            return ToPer8h(Predicted[p].Rate);
        }
        var q = SeriesMath.LastAtOrBefore(_settledTicks, SettledCount, time.UtcTicks);
        return q >= 0 ? ToPer8h(Settled[q].Rate) : null;
    }

    /// <summary>Predicted samples in (from, to]: count, population std dev (8 h-equivalent) and sign changes between consecutive samples.</summary>
    public (int Samples, double StdDev, int SignChanges) Dispersion(DateTimeOffset from, DateTimeOffset to)
    {
        var hi = SeriesMath.LastAtOrBefore(_predTicks, PredictedCount, to.UtcTicks) + 1; // exclusive
        var lo = SeriesMath.LastAtOrBefore(_predTicks, PredictedCount, from.UtcTicks) + 1; // first index > from
        var n = hi - lo;
        if (n <= 0)
        {
            return (0, 0, 0);
        }
        var sum = _predSum[hi] - _predSum[lo];
        var sq = _predSq[hi] - _predSq[lo];
        var mean = sum / n;
        var variance = Math.Max(0, (sq / n) - (mean * mean));
        var flips = _predFlips[hi] - _predFlips[lo + 1];
        return (n, Math.Sqrt(variance), flips);
    }

    private static int ResolveInterval(int configured, IReadOnlyList<FundingRatePoint> settled, int count)
    {
        if (configured is > 0 and <= 24)
        {
            return configured;
        }
        // The venue gave nothing usable: infer from the spacing of settlements (median gap, whole hours).
        if (count < 3)
        {
            return 0;
        }
        var gaps = new List<double>(count - 1);
        for (var i = 1; i < count; i++)
        {
            var h = (settled[i].Time - settled[i - 1].Time).TotalHours;
            if (h > 0)
            {
                gaps.Add(h);
            }
        }
        if (gaps.Count == 0)
        {
            return 0;
        }
        gaps.Sort();
        var median = (int)Math.Round(gaps[gaps.Count / 2]);
        return median is >= 1 and <= 24 ? median : 0;
    }
}
