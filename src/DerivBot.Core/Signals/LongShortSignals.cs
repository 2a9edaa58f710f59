using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 5: long/short account and position ratios and the taker buy/sell ratio against own history.</summary>
internal static class LongShortSignals
{
    public static LongShortSignal Compute(MarketSnapshot s, DateTimeOffset now, LongShortOptions o)
    {
        var readings = new List<RatioReading>(4)
        {
            Read(RatioSeries.GlobalAccounts, s.GlobalAccountRatio, p => p.Time, p => p.Ratio, now, o),
            Read(RatioSeries.TopTraderAccounts, s.TopAccountRatio, p => p.Time, p => p.Ratio, now, o),
            Read(RatioSeries.TopTraderPositions, s.TopPositionRatio, p => p.Time, p => p.Ratio, now, o),
            Read(RatioSeries.TakerBuySell, s.TakerVolume, p => p.Time, p => p.BuySellRatio, now, o),
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

    private static RatioReading Read<T>(
        RatioSeries series, IReadOnlyList<T> points, Func<T, DateTimeOffset> timeOf, Func<T, decimal> valueOf,
        DateTimeOffset now, LongShortOptions o)
    {
        var last = SeriesMath.LastAtOrBefore(points, timeOf, now);
        if (last < 0)
        {
            return new RatioReading(series, SignalStatus.InsufficientData, null, null, null, Extremity.None);
        }
        var value = valueOf(points[last]);
        var time = timeOf(points[last]);
        // Rank the latest value against the samples before it (the window's history, excluding itself).
        var start = SeriesMath.LastAtOrBefore(points, timeOf, now - o.PercentileWindow) + 1;
        var n = last - start;
        PercentileRank? rank = null;
        var extreme = Extremity.None;
        if (n >= o.MinSamples)
        {
            var samples = new double[n];
            for (var i = 0; i < n; i++)
            {
                samples[i] = (double)valueOf(points[start + i]);
            }
            var covered = now - timeOf(points[start]);
            rank = new PercentileRank(o.PercentileWindow, SeriesMath.PercentileRank(samples, (double)value), n,
                covered > o.PercentileWindow ? o.PercentileWindow : covered);
            extreme = rank.Percentile >= o.HighPercentile ? Extremity.High : rank.Percentile <= o.LowPercentile ? Extremity.Low : Extremity.None;
        }
        return new RatioReading(series, SignalStatus.Ok, time, value, rank, extreme);
    }
}
