using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// Funding prepared once per computation: resolved interval, settled and predicted samples up to <c>now</c>.
/// Nothing here walks the whole history: lookups are binary searches and window statistics touch only the window,
/// because this runs for every subscribed symbol on every refresh.
/// </summary>
internal sealed class FundingSeries
{
    private FundingSeries(MarketSnapshot s, DateTimeOffset now)
    {
        Settled = s.FundingHistory;
        SettledCount = SeriesMath.LastAtOrBefore(s.FundingHistory, p => p.Time, now) + 1;
        Predicted = s.PredictedFunding;
        PredictedCount = SeriesMath.LastAtOrBefore(s.PredictedFunding, p => p.Time, now) + 1;
        IntervalHours = ResolveInterval(s.FundingIntervalHours, Settled, SettledCount);

        if (s.Premium is { } premium)
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
        var p = Math.Min(SeriesMath.LastAtOrBefore(Predicted, x => x.Time, time), PredictedCount - 1);
        if (p >= 0)
        {
            return ToPer8h(Predicted[p].Rate);
        }
        var q = Math.Min(SeriesMath.LastAtOrBefore(Settled, x => x.Time, time), SettledCount - 1);
        return q >= 0 ? ToPer8h(Settled[q].Rate) : null;
    }

    /// <summary>Predicted samples in (from, to]: count, population std dev (8 h-equivalent) and sign changes between consecutive samples.</summary>
    public (int Samples, double StdDev, int SignChanges) Dispersion(DateTimeOffset from, DateTimeOffset to)
    {
        var hi = Math.Min(SeriesMath.LastAtOrBefore(Predicted, x => x.Time, to), PredictedCount - 1); // inclusive
        var lo = SeriesMath.LastAtOrBefore(Predicted, x => x.Time, from) + 1; // first index after `from`
        var n = hi - lo + 1;
        if (n <= 0 || IntervalHours <= 0)
        {
            return (0, 0, 0);
        }
        var span = SeriesMath.AsSpan(Predicted).Slice(lo, n);
        var factor = 8.0 / IntervalHours;
        double sum = 0, sq = 0;
        var flips = 0;
        var previous = 0;
        foreach (ref readonly var point in span)
        {
            var x = (double)point.Rate * factor;
            sum += x;
            sq += x * x;
            var sign = SeriesMath.Sign(point.Rate);
            if (sign != 0)
            {
                // A flip is a change of side between consecutive non-zero samples.
                if (previous != 0 && sign != previous)
                {
                    flips++;
                }
                previous = sign;
            }
        }
        var mean = sum / n;
        return (n, Math.Sqrt(Math.Max(0, (sq / n) - (mean * mean))), flips);
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
