using System.Collections.Concurrent;
using System.Globalization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

/// <summary>
/// Idempotency keys for liquidation alerts taken from the EVENT, not from the moment an instance processed it. Every
/// instance runs its own liquidation streams, so every instance sees the same events (same venue, event time, side,
/// price and quantity) but evaluates them at slightly different moments; a key built from "now" would give each its
/// own outbox row. Here the key names the event at which the rule's 5-minute total last crossed its threshold upwards
/// (the most recent upward crossing at or before the evaluation): computed from event times only, the same on every
/// instance that saw the same events, and different for a new episode after the total fell back below the threshold.
/// <para>
/// Per symbol, events are kept as per-second buckets (summed notional plus one representative event: the largest, ties
/// broken by time, venue, side, price and quantity, so arrival order across connections does not matter) for two
/// windows, enough to know the total at every second of the current window. Memory is bounded by seconds, not events.
/// </para>
/// </summary>
public sealed class LiquidationEventKeys
{
    private readonly ConcurrentDictionary<Symbol, SymbolLog> _logs = new();

    /// <summary>Adds a streamed event (cheap, no I/O); buckets older than two windows before <paramref name="now"/> are dropped.</summary>
    public void Record(Liquidation liquidation, DateTimeOffset now, TimeSpan window) =>
        _logs.GetOrAdd(liquidation.Symbol, _ => new SymbolLog()).Add(liquidation, now, window);

    /// <summary>The streamed event at which <paramref name="symbol"/>'s total last crossed <paramref name="threshold"/> upwards, or null.</summary>
    public Liquidation? Crossing(Symbol symbol, decimal threshold, DateTimeOffset now, TimeSpan window) =>
        _logs.TryGetValue(symbol, out var log) ? log.Crossing(threshold, now, window) : null;

    /// <summary>The same over a list of events (a snapshot's liquidations, when the stream saw none).</summary>
    public static Liquidation? Crossing(IEnumerable<Liquidation> events, decimal threshold, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(events);
        var log = new SymbolLog();
        foreach (var e in events)
        {
            log.Add(e, now, window);
        }
        return log.Crossing(threshold, now, window);
    }

    /// <summary>
    /// <c>alert:&lt;rule&gt;:liq:&lt;venue&gt;:&lt;event unix ms&gt;:&lt;L|S&gt;:&lt;price&gt;x&lt;quantity&gt;</c>; the venue is
    /// <c>primary</c> for the primary venue's own stream.
    /// </summary>
    public static string Key(long ruleId, Liquidation crossing) => string.Create(CultureInfo.InvariantCulture,
        $"alert:{ruleId}:liq:{crossing.Venue ?? "primary"}:{crossing.Time.ToUnixTimeMilliseconds()}:{(crossing.Side == PositionSide.Long ? 'L' : 'S')}:{crossing.Price}x{crossing.Quantity}");

    /// <summary>Orders candidates for a bucket's representative: any two instances pick the same one from the same events.</summary>
    private static int Compare(Liquidation a, Liquidation b)
    {
        var c = a.NotionalUsd.CompareTo(b.NotionalUsd);
        if (c == 0) c = a.Time.CompareTo(b.Time);
        if (c == 0) c = string.CompareOrdinal(a.Venue, b.Venue);
        if (c == 0) c = a.Side.CompareTo(b.Side);
        if (c == 0) c = a.Price.CompareTo(b.Price);
        if (c == 0) c = a.Quantity.CompareTo(b.Quantity);
        return c;
    }

    private sealed class SymbolLog
    {
        private readonly Lock _gate = new();
        private readonly SortedList<long, (decimal Usd, Liquidation Representative)> _seconds = [];

        public void Add(Liquidation liquidation, DateTimeOffset now, TimeSpan window)
        {
            var second = liquidation.Time.ToUnixTimeSeconds();
            var oldest = (now - window - window).ToUnixTimeSeconds();
            lock (_gate)
            {
                if (second < oldest)
                {
                    return;
                }
                _seconds[second] = _seconds.TryGetValue(second, out var bucket)
                    ? (bucket.Usd + liquidation.NotionalUsd, Compare(liquidation, bucket.Representative) > 0 ? liquidation : bucket.Representative)
                    : (liquidation.NotionalUsd, liquidation);
                while (_seconds.Count > 0 && _seconds.Keys[0] < oldest)
                {
                    _seconds.RemoveAt(0);
                }
            }
        }

        public Liquidation? Crossing(decimal threshold, DateTimeOffset now, TimeSpan window)
        {
            var w = (long)window.TotalSeconds;
            var from = now.ToUnixTimeSeconds() - w;
            lock (_gate)
            {
                var n = _seconds.Count;
                var secs = _seconds.Keys;
                var values = _seconds.Values;
                // prefix[i] = total of the first i buckets; the total at second s covers the buckets in (s - w, s].
                var prefix = new decimal[n + 1];
                for (var i = 0; i < n; i++)
                {
                    prefix[i + 1] = prefix[i] + values[i].Usd;
                }
                decimal TotalAt(long s) => prefix[UpperBound(secs, s)] - prefix[UpperBound(secs, s - w)];
                Liquidation? last = null;
                for (var i = 0; i < n; i++)
                {
                    var s = secs[i];
                    // No upper bound: exchange event times may run slightly ahead of our clock.
                    if (s >= from && TotalAt(s) >= threshold && TotalAt(s - 1) < threshold)
                    {
                        last = values[i].Representative;
                    }
                }
                return last;
            }
        }

        /// <summary>How many buckets have a second at or before <paramref name="second"/>.</summary>
        private static int UpperBound(IList<long> secs, long second)
        {
            int lo = 0, hi = secs.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (secs[mid] <= second)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
