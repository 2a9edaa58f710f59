using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>Signal 7: realised liquidations: totals per side, the largest events, cascade detection.</summary>
internal static class LiquidationSignals
{
    internal static readonly TimeSpan[] Windows = [TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24)];

    public static LiquidationSignal Compute(MarketSnapshot s, DateTimeOffset now, LiquidationSignalOptions o)
    {
        // Binance's all-market stream pushes at most one liquidation per symbol per second: sums undercount.
        var lowerBound = s.Venue.Contains("binance", StringComparison.OrdinalIgnoreCase);
        var events = s.Liquidations;
        var end = SeriesMath.LastAtOrBefore(events, e => e.Time, now) + 1;
        var longest = Windows[^1] > o.BaselineWindow + o.CascadeLookback ? Windows[^1] : o.BaselineWindow + o.CascadeLookback;
        var begin = SeriesMath.LastAtOrBefore(events, e => e.Time, now - longest) + 1;

        // One pass over the last day: every event adds to each window it falls in, and competes for the top N.
        var longUsd = new decimal[Windows.Length];
        var shortUsd = new decimal[Windows.Length];
        var longs = new int[Windows.Length];
        var shorts = new int[Windows.Length];
        var top = new List<Liquidation>(o.LargestCount + 1);
        // Per venue: [1h, 4h, 24h] USD and the 24 h count. Few venues, so a small dictionary.
        var byVenue = new Dictionary<string, (decimal[] Usd, int Count)>(StringComparer.Ordinal);
        var span = SeriesMath.AsSpan(events);
        var dayStart = SeriesMath.LastAtOrBefore(events, e => e.Time, now - Windows[^1]) + 1;
        for (var i = dayStart; i < end; i++)
        {
            ref readonly var e = ref span[i];
            var usd = e.NotionalUsd;
            var age = now - e.Time;
            var venue = e.Venue ?? s.Venue;
            if (!byVenue.TryGetValue(venue, out var vt))
            {
                vt = (new decimal[Windows.Length], 0);
            }
            byVenue[venue] = (vt.Usd, vt.Count + 1);
            for (var w = 0; w < Windows.Length; w++)
            {
                if (age >= Windows[w])
                {
                    continue;
                }
                vt.Usd[w] += usd;
                if (e.Side == PositionSide.Long)
                {
                    longUsd[w] += usd;
                    longs[w]++;
                }
                else
                {
                    shortUsd[w] += usd;
                    shorts[w]++;
                }
            }
            if (o.LargestCount > 0 && (top.Count < o.LargestCount || usd >= top[^1].NotionalUsd))
            {
                // Keep `top` sorted by USD descending, newer first among equals.
                var at = top.FindIndex(t => t.NotionalUsd <= usd);
                top.Insert(at < 0 ? top.Count : at, e);
                if (top.Count > o.LargestCount)
                {
                    top.RemoveAt(top.Count - 1);
                }
            }
        }
        var windows = new List<LiquidationWindow>(Windows.Length);
        for (var w = 0; w < Windows.Length; w++)
        {
            windows.Add(new LiquidationWindow(Windows[w], longUsd[w], shortUsd[w], longs[w], shorts[w]));
        }
        var largest = top;
        var venues = byVenue
            .Select(kv => new LiquidationVenueTotals(kv.Key, kv.Value.Usd[0], kv.Value.Usd[1], kv.Value.Usd[2], kv.Value.Count))
            .OrderByDescending(v => v.Usd24h).ThenBy(v => v.Venue, StringComparer.Ordinal).ToList();

        var cascade = DetectCascade(events, begin, end, now, o);
        if (end == 0 && events.Count == 0)
        {
            return new LiquidationSignal(SignalStatus.InsufficientData, windows, largest, cascade, lowerBound, o,
                SignalReason.Of("liquidations.none_observed")) { Venues = venues };
        }

        var day = windows[^1];
        var values = new List<(string, decimal)>
        {
            ("long_usd_24h", day.LongUsd), ("short_usd_24h", day.ShortUsd),
            ("long_usd_1h", windows[0].LongUsd), ("short_usd_1h", windows[0].ShortUsd),
            ("peak_usd_per_minute", cascade.PeakUsdPerMinute),
        };
        if (cascade.BaselineUsdPerMinute is { } b)
        {
            values.Add(("baseline_usd_per_minute", b));
        }
        if (cascade.Ratio is { } r)
        {
            values.Add(("cascade_ratio", r));
        }
        var code = cascade.Active
            ? cascade.DominantSide == PositionSide.Long ? "liquidations.cascade_longs" : "liquidations.cascade_shorts"
            : day.TotalUsd == 0 ? "liquidations.quiet"
            : day.LongUsd >= day.ShortUsd ? "liquidations.longs_dominate" : "liquidations.shorts_dominate";
        return new LiquidationSignal(SignalStatus.Ok, windows, largest, cascade, lowerBound, o, SignalReason.Of(code, [.. values])) { Venues = venues };
    }

    private static CascadeDetection DetectCascade(IReadOnlyList<Liquidation> events, int begin, int end, DateTimeOffset now, LiquidationSignalOptions o)
    {
        var lookbackStart = now - o.CascadeLookback;
        var minute = TimeSpan.TicksPerMinute;
        long peakMinute = 0;
        decimal peak = 0, current = 0, peakLong = 0, currentLong = 0;
        long currentMinute = long.MinValue;
        decimal baselineSum = 0;
        var baselineStart = lookbackStart - o.BaselineWindow;
        DateTimeOffset? firstSeen = null;
        for (var i = begin; i < end; i++)
        {
            var e = events[i];
            if (e.Time <= lookbackStart)
            {
                if (e.Time > baselineStart)
                {
                    baselineSum += e.NotionalUsd;
                    firstSeen ??= e.Time;
                }
                continue;
            }
            var m = e.Time.UtcTicks / minute;
            if (m != currentMinute)
            {
                current = 0;
                currentLong = 0;
                currentMinute = m;
            }
            current += e.NotionalUsd;
            if (e.Side == PositionSide.Long)
            {
                currentLong += e.NotionalUsd;
            }
            if (current > peak)
            {
                peak = current;
                peakLong = currentLong;
                peakMinute = m;
            }
        }

        // The baseline covers the baseline window, or only the part since the first event we saw (we cannot know
        // when observation started, so this is the conservative choice: a shorter span gives a higher baseline).
        decimal? baseline = null;
        if (firstSeen is { } fs)
        {
            var span = lookbackStart - fs;
            if (span >= o.MinBaselineSpan)
            {
                baseline = baselineSum / (decimal)span.TotalMinutes;
            }
        }
        decimal? ratio = baseline is { } bl && bl > 0 ? peak / bl : null;
        var active = peak >= o.CascadeMinUsdPerMinute && (ratio is null || ratio >= o.CascadeMultiplier);
        DateTimeOffset? at = peak > 0 ? new DateTimeOffset(peakMinute * minute, TimeSpan.Zero) : null;
        PositionSide? side = peak > 0 ? (peakLong * 2 >= peak ? PositionSide.Long : PositionSide.Short) : null;
        return new CascadeDetection(active, at, peak, baseline, ratio, side);
    }
}
