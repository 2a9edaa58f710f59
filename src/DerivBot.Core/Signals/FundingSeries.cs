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

    /// <summary>
    /// 8 h-equivalent funding at exactly <paramref name="at"/> for a window start: predicted samples interpolated by the
    /// window rule (<see cref="SeriesWindow"/>, within <paramref name="tolerance"/>); when predictions do not reach
    /// back, the settlement in force then (the newest at or before it: a settled rate is a step, not a line).
    /// </summary>
    public decimal? Per8hAtStart(DateTimeOffset at, TimeSpan tolerance)
    {
        if (IntervalHours <= 0)
        {
            return null;
        }
        if (SeriesWindow.ValueAt(Predicted, PredictedCount, static x => x.Time, static x => x.Rate, at, tolerance) is { } p)
        {
            return ToPer8h(p);
        }
        var q = Math.Min(SeriesMath.LastAtOrBefore(Settled, x => x.Time, at), SettledCount - 1);
        return q >= 0 ? ToPer8h(Settled[q].Rate) : null;
    }

    /// <summary>
    /// Funding dispersion as of <paramref name="to"/>: the last <paramref name="settlements"/> settled rates at or before
    /// it together with the predicted samples in (<paramref name="from"/>, <paramref name="to"/>], merged in time order.
    /// Returns the sample count, the population std dev (8 h-equivalent) and the sign changes between consecutive
    /// non-zero samples. Settled rates make churn visible across settlements even with a single prediction (one-shot
    /// <c>ask</c>, a freshly started bot, 8 h symbols whose predictions barely move inside a few hours).
    /// </summary>
    public (int Samples, double StdDev, int SignChanges) Dispersion(DateTimeOffset from, DateTimeOffset to, int settlements)
    {
        if (IntervalHours <= 0)
        {
            return (0, 0, 0);
        }
        var pHi = Math.Min(SeriesMath.LastAtOrBefore(Predicted, x => x.Time, to), PredictedCount - 1); // inclusive
        var pLo = SeriesMath.LastAtOrBefore(Predicted, x => x.Time, from) + 1; // first index after `from`
        var sHi = Math.Min(SeriesMath.LastAtOrBefore(Settled, x => x.Time, to), SettledCount - 1);
        var sLo = Math.Max(0, sHi - Math.Max(0, settlements) + 1);
        var predicted = pHi >= pLo ? SeriesMath.AsSpan(Predicted).Slice(pLo, pHi - pLo + 1) : [];
        var settled = sHi >= 0 && settlements > 0 ? SeriesMath.AsSpan(Settled).Slice(sLo, sHi - sLo + 1) : [];
        var n = predicted.Length + settled.Length;
        if (n == 0)
        {
            return (0, 0, 0);
        }
        var factor = 8.0 / IntervalHours;
        double sum = 0, sq = 0;
        var flips = 0;
        var previous = 0;
        int i = 0, k = 0;
        while (i < settled.Length || k < predicted.Length)
        {
            // Merge by time; at equal times the settlement comes first (the prediction is for the next one).
            var takeSettled = k >= predicted.Length || (i < settled.Length && settled[i].Time <= predicted[k].Time);
            var rate = takeSettled ? settled[i++].Rate : predicted[k++].Rate;
            var x = (double)rate * factor;
            sum += x;
            sq += x * x;
            var sign = SeriesMath.Sign(rate);
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
