using DerivBot.Core.Markets;

namespace DerivBot.Application.Market;

/// <summary>Liquidations of one symbol: side (0 long, 1 short), price, average price, quantity; arrival order.</summary>
internal sealed class LiquidationBook(Symbol symbol, int capacity)
{
    /// <summary>How far back a new event is compared for an exact duplicate. A reconnect replays at most a few seconds of
    /// events, far fewer than this.</summary>
    internal const int DuplicateScan = 512;

    /// <summary>Events arriving more than this after an older stored one are not compared with it (10 min).</summary>
    internal const long DuplicateHorizonMs = 600_000;

    // Venue ids are stored as small codes in a decimal column; 0 is "the primary venue's own stream" (null venue).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> VenueCodes = new(StringComparer.Ordinal);
    private static readonly List<string> VenueNames = [""];
    private static readonly object VenueGate = new();

    private readonly SeriesRing _ring = new(capacity, 5, upsert: false);

    public object Gate { get; } = new();

    public long AllocatedBytes => _ring.AllocatedBytes;

    /// <summary>Adds <paramref name="l"/> unless the same event (venue, time, side, price, size) is already held; returns
    /// false for such a duplicate (a reconnect that replays recent events).</summary>
    public bool Add(Liquidation l, long retentionCutoffMs)
    {
        var time = SymbolSeries.Ms(l.Time);
        var side = l.Side == PositionSide.Long ? 0m : 1m;
        var venue = (decimal)CodeOf(l.Venue);
        for (int i = _ring.Count - 1, seen = 0; i >= 0 && seen < DuplicateScan; i--, seen++)
        {
            var at = _ring.TimeAt(i);
            if (at < time - DuplicateHorizonMs)
            {
                break; // arrival order is near time order: nothing older can be the same event
            }
            if (at == time && _ring.ValueAt(i, 4) == venue && _ring.ValueAt(i, 0) == side
                && _ring.ValueAt(i, 1) == l.Price && _ring.ValueAt(i, 2) == l.AveragePrice && _ring.ValueAt(i, 3) == l.Quantity)
            {
                return false;
            }
        }
        _ring.Add(time, [side, l.Price, l.AveragePrice, l.Quantity, venue]);
        if (_ring.FirstTime < retentionCutoffMs)
        {
            _ring.TrimBefore(retentionCutoffMs);
        }
        return true;
    }

    public Liquidation[] Snapshot(long retentionCutoffMs)
    {
        _ring.TrimBefore(retentionCutoffMs);
        var result = new Liquidation[_ring.Count];
        var sorted = true;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new Liquidation(
                symbol, _ring.ValueAt(i, 0) == 0m ? PositionSide.Long : PositionSide.Short,
                _ring.ValueAt(i, 1), _ring.ValueAt(i, 2), _ring.ValueAt(i, 3), SymbolSeries.Time(_ring.TimeAt(i)),
                NameOf((int)_ring.ValueAt(i, 4)));
            sorted &= i == 0 || result[i].Time >= result[i - 1].Time;
        }
        if (!sorted)
        {
            // Arrival order can differ slightly from event time after a reconnect; snapshots are oldest first.
            var keyed = result.Select((l, i) => (l, i)).OrderBy(x => x.l.Time).ThenBy(x => x.i).Select(x => x.l).ToArray();
            return keyed;
        }
        return result;
    }

    private static int CodeOf(string? venue)
    {
        if (string.IsNullOrEmpty(venue))
        {
            return 0;
        }
        if (VenueCodes.TryGetValue(venue, out var code))
        {
            return code;
        }
        lock (VenueGate)
        {
            if (!VenueCodes.TryGetValue(venue, out code))
            {
                code = VenueNames.Count;
                VenueNames.Add(venue);
                VenueCodes[venue] = code;
            }
            return code;
        }
    }

    private static string? NameOf(int code)
    {
        lock (VenueGate)
        {
            return code > 0 && code < VenueNames.Count ? VenueNames[code] : null;
        }
    }
}
