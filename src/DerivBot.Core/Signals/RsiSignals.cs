using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 6: Wilder RSI on candles of the configured interval, bands and stacked overheating.</summary>
internal static class RsiSignals
{
    public static RsiSignal Compute(MarketSnapshot s, DateTimeOffset now, RsiOptions o, FundingSignal funding, LongShortSignal longShort)
    {
        if (!PeriodExtensions.TryParseKlineInterval(o.Interval ?? string.Empty, out var interval))
        {
            interval = s.KlineInterval;
        }
        var all = Closes(s, now, interval, out var lastForming);
        if (all is null)
        {
            return Insufficient(interval, o, 0, SignalReason.Of("rsi.interval_unavailable",
                ("snapshot_minutes", (decimal)s.KlineInterval.ToTimeSpan().TotalMinutes), ("wanted_minutes", (decimal)interval.ToTimeSpan().TotalMinutes)));
        }
        // Zones, stacked conditions and alerts read closed candles only: the forming candle's close moves all through
        // its interval (in the Oct 2025 crash the forming hour swung RSI from 22.9 to 7.0 to 13.7 within the hour, against
        // 15.4 on closed hours). The reading including the forming candle is reported beside it, for display only.
        var closes = lastForming ? all.GetRange(0, all.Count - 1) : all;
        double? forming = lastForming ? Wilder(all, o.Period) : null;
        var value = Wilder(closes, o.Period);
        if (value is not { } rsi)
        {
            return Insufficient(interval, o, closes.Count, SignalReason.Of("rsi.insufficient_data",
                ("candles", closes.Count), ("required", o.Period + 1)));
        }

        var zone = ZoneOf(rsi, o);

        // "Stacked": momentum, funding and positioning all stretched the same way at once.
        var ratioHigh = RatioExtreme(longShort) == Extremity.High;
        var ratioLow = RatioExtreme(longShort) == Extremity.Low;
        var fundingHigh = funding.Level is FundingLevel.ElevatedPositive or FundingLevel.ExtremePositive;
        var fundingLow = funding.Level is FundingLevel.ElevatedNegative or FundingLevel.ExtremeNegative;
        var overheated = rsi >= o.Overbought1 && fundingHigh && ratioHigh;
        var oversold = rsi <= o.Oversold1 && fundingLow && ratioLow;

        var code = overheated ? "rsi.stacked_overheating"
            : oversold ? "rsi.stacked_oversold"
            : zone switch
            {
                RsiZone.Overbought1 or RsiZone.Overbought2 or RsiZone.Overbought3 => "rsi.overbought",
                RsiZone.Oversold1 or RsiZone.Oversold2 or RsiZone.Oversold3 => "rsi.oversold",
                _ => "rsi.neutral",
            };
        var band = zone switch
        {
            RsiZone.Overbought1 => o.Overbought1, RsiZone.Overbought2 => o.Overbought2, RsiZone.Overbought3 => o.Overbought3,
            RsiZone.Oversold1 => o.Oversold1, RsiZone.Oversold2 => o.Oversold2, RsiZone.Oversold3 => o.Oversold3,
            _ => 0,
        };
        return new RsiSignal(SignalStatus.Ok, interval, o.Period, rsi, zone, closes.Count, overheated, oversold, o,
            SignalReason.Of(code, ("rsi", SeriesMath.ToDecimal(Math.Round(rsi, 2))), ("band", (decimal)band),
                ("interval_minutes", (decimal)interval.ToTimeSpan().TotalMinutes)))
        {
            FormingValue = forming,
        };
    }

    /// <summary>The strongest band <paramref name="rsi"/> reaches (≥ overbought / ≤ oversold).</summary>
    internal static RsiZone ZoneOf(double rsi, RsiOptions o) => rsi switch
    {
        _ when rsi >= o.Overbought3 => RsiZone.Overbought3,
        _ when rsi >= o.Overbought2 => RsiZone.Overbought2,
        _ when rsi >= o.Overbought1 => RsiZone.Overbought1,
        _ when rsi <= o.Oversold3 => RsiZone.Oversold3,
        _ when rsi <= o.Oversold2 => RsiZone.Oversold2,
        _ when rsi <= o.Oversold1 => RsiZone.Oversold1,
        _ => RsiZone.Neutral,
    };

    /// <summary>The most stretched of the account/position ratios (taker flow is not positioning).</summary>
    private static Extremity RatioExtreme(LongShortSignal ls)
    {
        var high = false;
        var low = false;
        foreach (var r in ls.Readings)
        {
            if (r.Series == RatioSeries.TakerBuySell)
            {
                continue;
            }
            high |= r.Extreme == Extremity.High;
            low |= r.Extreme == Extremity.Low;
        }
        return high && !low ? Extremity.High : low && !high ? Extremity.Low : Extremity.None;
    }

    /// <summary>
    /// Closes at <paramref name="interval"/>: the snapshot's candles as they are, or aggregated up when the interval
    /// is a whole multiple of theirs (the last close of each bucket). <paramref name="lastForming"/> says whether the
    /// newest bucket is still forming at <paramref name="now"/> (its end lies after now).
    /// Null when the snapshot's candles are coarser than, or not a divisor of, the wanted interval.
    /// </summary>
    internal static List<double>? Closes(MarketSnapshot s, DateTimeOffset now, KlineInterval interval, out bool lastForming)
    {
        lastForming = false;
        var have = s.KlineInterval.ToTimeSpan();
        var want = interval.ToTimeSpan();
        if (want < have || want.Ticks % have.Ticks != 0)
        {
            return null;
        }
        var k = SeriesMath.AsSpan(s.Klines);
        var last = SeriesMath.LastAtOrBefore(s.Klines, x => x.OpenTime, now);
        var perBucket = (int)(want.Ticks / have.Ticks);
        var closes = new List<double>((last / perBucket) + 2);
        long bucketStart = long.MinValue, bucketEnd = long.MinValue;
        var lastInBucket = -1;
        for (var i = 0; i <= last; i++)
        {
            // A candle in the same bucket as the previous one (or a duplicate) replaces its close. Buckets are
            // aligned to the epoch like the venue's own candles; a division only happens when a bucket changes.
            var t = k[i].OpenTime.UtcTicks;
            if (t < bucketStart || t >= bucketEnd)
            {
                if (lastInBucket >= 0)
                {
                    closes.Add((double)k[lastInBucket].Close);
                }
                bucketStart = t - (t % want.Ticks);
                bucketEnd = bucketStart + want.Ticks;
            }
            lastInBucket = i;
        }
        if (lastInBucket >= 0)
        {
            closes.Add((double)k[lastInBucket].Close);
            lastForming = bucketEnd > now.UtcTicks;
        }
        return closes;
    }

    /// <summary>Wilder's RSI: seed with the simple average of the first <paramref name="period"/> moves, then smooth by (n−1)/n.</summary>
    internal static double? Wilder(IReadOnlyList<double> closes, int period)
    {
        if (period < 1 || closes.Count < period + 1)
        {
            return null;
        }
        double gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var d = closes[i] - closes[i - 1];
            if (d > 0)
            {
                gain += d;
            }
            else
            {
                loss -= d;
            }
        }
        gain /= period;
        loss /= period;
        for (var i = period + 1; i < closes.Count; i++)
        {
            var d = closes[i] - closes[i - 1];
            gain = ((gain * (period - 1)) + (d > 0 ? d : 0)) / period;
            loss = ((loss * (period - 1)) + (d < 0 ? -d : 0)) / period;
        }
        if (loss == 0)
        {
            return gain == 0 ? 50 : 100;
        }
        return 100 - (100 / (1 + (gain / loss)));
    }

    private static RsiSignal Insufficient(KlineInterval interval, RsiOptions o, int candles, SignalReason reason) =>
        new(SignalStatus.InsufficientData, interval, o.Period, null, RsiZone.Neutral, candles, false, false, o, reason);
}
