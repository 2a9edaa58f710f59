namespace DerivBot.Core.Signals;

/// <summary>Signal 1: funding level, percentiles against own history, sign flips and persistence.</summary>
internal static class FundingSignals
{
    /// <summary>Percentile windows, shortest first; longer ones are reported only when history reaches past the shorter.</summary>
    internal static readonly TimeSpan[] PercentileWindows = [TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(90)];

    public static FundingLevel LevelOf(decimal per8h, FundingSignalOptions o) => per8h switch
    {
        _ when per8h >= o.ExtremePer8h => FundingLevel.ExtremePositive,
        _ when per8h >= o.ElevatedPer8h => FundingLevel.ElevatedPositive,
        _ when per8h <= -o.ExtremePer8h => FundingLevel.ExtremeNegative,
        _ when per8h <= -o.ElevatedPer8h => FundingLevel.ElevatedNegative,
        _ => FundingLevel.Normal,
    };

    public static FundingSignal Compute(FundingSeries f, DateTimeOffset now, FundingSignalOptions o)
    {
        if (f.IntervalHours <= 0)
        {
            return Insufficient(f, o, SignalReason.Of("funding.invalid_interval", ("settlements", f.SettledCount)));
        }

        var current = f.CurrentPredicted is { } p ? FundingRateView.From(p, f.IntervalHours) : (FundingRateView?)null;
        var settledPoint = f.LastSettled;
        var settled = settledPoint is { } sp ? FundingRateView.From(sp.Rate, f.IntervalHours) : (FundingRateView?)null;
        var reference = current ?? settled;
        if (reference is not { } r)
        {
            return Insufficient(f, o, SignalReason.Of("funding.insufficient_data", ("settlements", 0m), ("predicted", 0m)));
        }

        var level = LevelOf(r.Per8h, o);

        // Percentiles of the reference rate against settled rates. Settlements share the symbol's interval, so the
        // per-interval rate ranks the same as its 8 h equivalent.
        var percentiles = new List<PercentileRank>(PercentileWindows.Length);
        var value = (double)r.PerInterval;
        var first = f.SettledCount > 0 ? f.Settled[0].Time : now;
        var previousCovered = TimeSpan.Zero;
        foreach (var window in PercentileWindows)
        {
            var start = now - window;
            var startIndex = SeriesMath.LastAtOrBefore(f.Settled, x => x.Time, start) + 1;
            var n = f.SettledCount - startIndex;
            var covered = first > start ? now - first : window;
            if (n < o.MinPercentileSamples || (percentiles.Count > 0 && covered <= previousCovered))
            {
                continue;
            }
            var samples = new double[n];
            for (var i = 0; i < n; i++)
            {
                samples[i] = (double)f.Settled[startIndex + i].Rate;
            }
            percentiles.Add(new PercentileRank(window, SeriesMath.PercentileRank(samples, value), n, covered));
            previousCovered = covered;
        }
        var extreme = Extremity.None;
        if (percentiles.Count > 0)
        {
            var longest = percentiles[^1].Percentile;
            extreme = longest >= o.HighPercentile ? Extremity.High : longest <= o.LowPercentile ? Extremity.Low : Extremity.None;
        }

        // Sign flips and persistence on settled rates.
        var settledFlip = false;
        var persistence = 0;
        var side = 0;
        if (f.SettledCount > 0)
        {
            side = SeriesMath.Sign(f.Settled[f.SettledCount - 1].Rate);
            if (f.SettledCount > 1)
            {
                settledFlip = side * SeriesMath.Sign(f.Settled[f.SettledCount - 2].Rate) < 0;
            }
            if (side != 0)
            {
                for (var i = f.SettledCount - 1; i >= 0 && SeriesMath.Sign(f.Settled[i].Rate) == side; i--)
                {
                    persistence++;
                }
            }
        }
        var pendingFlip = current is { } c && settled is { } st && SeriesMath.Sign(c.PerInterval) * SeriesMath.Sign(st.PerInterval) < 0;

        var code = level switch
        {
            FundingLevel.ExtremePositive => "funding.extreme_positive",
            FundingLevel.ExtremeNegative => "funding.extreme_negative",
            FundingLevel.ElevatedPositive => "funding.elevated_positive",
            FundingLevel.ElevatedNegative => "funding.elevated_negative",
            _ when extreme == Extremity.High => "funding.percentile_high",
            _ when extreme == Extremity.Low => "funding.percentile_low",
            _ when pendingFlip => "funding.pending_sign_flip",
            _ when settledFlip => "funding.sign_flip",
            _ => "funding.normal",
        };
        var values = new List<(string, decimal)>
        {
            ("rate_per_interval", r.PerInterval),
            ("interval_hours", f.IntervalHours),
            ("rate_per8h", r.Per8h),
            ("annualized", r.Annualized),
            ("persistence", persistence),
            ("persistence_side", side),
        };
        if (percentiles.Count > 0)
        {
            values.Add(("percentile", SeriesMath.ToDecimal(percentiles[^1].Percentile)));
            values.Add(("percentile_window_days", (decimal)percentiles[^1].Window.TotalDays));
        }

        return new FundingSignal(
            SignalStatus.Ok, f.IntervalHours, current, settled, settledPoint?.Time, level, percentiles, extreme,
            settledFlip, pendingFlip, persistence, side, o, SignalReason.Of(code, [.. values]));
    }

    private static FundingSignal Insufficient(FundingSeries f, FundingSignalOptions o, SignalReason reason) =>
        new(SignalStatus.InsufficientData, f.IntervalHours, null, null, null, FundingLevel.Normal, [], Extremity.None,
            false, false, 0, 0, o, reason);
}
