using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 5: long/short account and position ratios and the taker buy/sell ratio against own history.</summary>
internal static class LongShortSignals
{
    public static LongShortSignal Compute(MarketSnapshot s, DateTimeOffset now, LongShortOptions o)
    {
        var readings = new List<RatioReading>(4)
        {
            Read<RatioPoint, RatioAccess>(RatioSeries.GlobalAccounts, s.GlobalAccountRatio, now, o),
            Read<RatioPoint, RatioAccess>(RatioSeries.TopTraderAccounts, s.TopAccountRatio, now, o),
            Read<RatioPoint, RatioAccess>(RatioSeries.TopTraderPositions, s.TopPositionRatio, now, o),
            Read<TakerVolumePoint, TakerAccess>(RatioSeries.TakerBuySell, s.TakerVolume, now, o),
        };
        if (readings.All(r => r.Status != SignalStatus.Ok))
        {
            return new LongShortSignal(SignalStatus.InsufficientData, readings, o, SignalReason.Of("long_short.insufficient_data"));
        }

        var values = new List<(string, decimal)>();
        foreach (var r in readings.Where(r => r.Value is not null))
        {
            var key = r.Series switch
            {
                RatioSeries.GlobalAccounts => "global",
                RatioSeries.TopTraderAccounts => "top_accounts",
                RatioSeries.TopTraderPositions => "top_positions",
                _ => "taker",
            };
            values.Add((key, r.Value!.Value));
            if (r.Percentile is { } p)
            {
                values.Add((key + "_percentile", SeriesMath.ToDecimal(p.Percentile)));
            }
        }
        var highs = readings.Count(r => r.Extreme == Extremity.High);
        var lows = readings.Count(r => r.Extreme == Extremity.Low);
        var code = highs > 0 && lows == 0 ? "long_short.extreme_high"
            : lows > 0 && highs == 0 ? "long_short.extreme_low"
            : highs > 0 ? "long_short.mixed_extremes"
            : "long_short.normal";
        return new LongShortSignal(SignalStatus.Ok, readings, o, SignalReason.Of(code, [.. values]));
    }

    /// <summary>Field access without delegates: struct type arguments let the JIT inline the hot loop.</summary>
    private interface IAccess<T>
    {
        static abstract DateTimeOffset Time(in T point);
        static abstract decimal Value(in T point);
    }

    private readonly struct RatioAccess : IAccess<RatioPoint>
    {
        public static DateTimeOffset Time(in RatioPoint point) => point.Time;
        public static decimal Value(in RatioPoint point) => point.Ratio;
    }

    private readonly struct TakerAccess : IAccess<TakerVolumePoint>
    {
        public static DateTimeOffset Time(in TakerVolumePoint point) => point.Time;
        public static decimal Value(in TakerVolumePoint point) => point.BuySellRatio;
    }

    private static RatioReading Read<T, TAccess>(RatioSeries series, IReadOnlyList<T> points, DateTimeOffset now, LongShortOptions o)
        where TAccess : struct, IAccess<T>
    {
        static DateTimeOffset timeOf(T p) => TAccess.Time(p);
        var last = SeriesMath.LastAtOrBefore(points, timeOf, now);
        if (last < 0)
        {
            return new RatioReading(series, SignalStatus.InsufficientData, null, null, null, Extremity.None);
        }
        var value = TAccess.Value(points[last]);
        var time = timeOf(points[last]);
        // Rank the latest value against the samples before it (the window's history, excluding itself).
        var start = SeriesMath.LastAtOrBefore(points, timeOf, now - o.PercentileWindow) + 1;
        var n = last - start;
        PercentileRank? rank = null;
        var extreme = Extremity.None;
        if (n >= o.MinSamples)
        {
            // Counting in decimal avoids converting thousands of samples per symbol on every refresh.
            var samples = SeriesMath.AsSpan(points).Slice(start, n);
            var stride = o.MaxSamples > 0 && n > o.MaxSamples ? (n + o.MaxSamples - 1) / o.MaxSamples : 1;
            int below = 0, equal = 0, ranked = 0;
            // Walk back from the newest sample so the thinned set always includes the most recent history.
            for (var i = samples.Length - 1; i >= 0; i -= stride)
            {
                ranked++;
                var v = TAccess.Value(in samples[i]);
                if (v < value)
                {
                    below++;
                }
                else if (v == value)
                {
                    equal++;
                }
            }
            var covered = now - timeOf(points[start]);
            rank = new PercentileRank(o.PercentileWindow, SeriesMath.PercentileRank(below, equal, ranked),
                ranked, covered > o.PercentileWindow ? o.PercentileWindow : covered);
            extreme = rank.Percentile >= o.HighPercentile ? Extremity.High : rank.Percentile <= o.LowPercentile ? Extremity.Low : Extremity.None;
        }
        return new RatioReading(series, SignalStatus.Ok, time, value, rank, extreme);
    }
}
