using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Market;

/// <summary>Paged reads of a venue history endpoint (used by the backfill and the per-symbol refresh).</summary>
internal static class HistoryPager
{
    /// <summary>Reads [from, now] page by page (the venue returns start + limit rows, oldest first).</summary>
    public static async Task PageAsync<T>(
        string endpoint, Symbol symbol, DateTimeOffset from, DateTimeOffset now, int limit,
        Func<HistoryQuery, Task<IReadOnlyList<T>>> fetch, Func<T, DateTimeOffset> timeOf, Action<T> add, VenueCallRecorder recorder)
    {
        var start = from;
        // Bounded: a venue that keeps returning full pages cannot keep us here forever.
        for (var page = 0; page < 100; page++)
        {
            var rows = await recorder.Run(endpoint, symbol, () => fetch(new HistoryQuery(start, null, limit))).ConfigureAwait(false);
            var last = start;
            foreach (var row in rows)
            {
                var t = timeOf(row);
                if (t > now)
                {
                    continue;
                }
                add(row);
                if (t > last)
                {
                    last = t;
                }
            }
            if (rows.Count < limit || last <= start || last >= now)
            {
                return;
            }
            start = last + TimeSpan.FromMilliseconds(1);
        }
    }
}
