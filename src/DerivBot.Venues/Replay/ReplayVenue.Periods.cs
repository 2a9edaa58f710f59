using DerivBot.Core.Markets;

namespace DerivBot.Venues.Replay;

// From the scenario's 5-minute rows to coarser periods: how many rows to read, which to keep, how many to return.
public sealed partial class ReplayVenue
{
    private static int Factor(DataPeriod period) => Math.Max(1, (int)(period.ToTimeSpan() / TimeSpan.FromMinutes(5)));

    /// <summary>For coarser periods, read enough 5-minute rows to cover the requested number of coarse rows.</summary>
    private static HistoryQuery Widen(HistoryQuery query, DataPeriod period) =>
        query with { Limit = (query.Limit ?? 30) * Factor(period) };

    /// <summary>Point-in-time statistics (open interest, ratios) at a coarser period: the 5-minute rows on its grid.</summary>
    private static IReadOnlyList<T> Aggregate<T>(IReadOnlyList<T> rows, DataPeriod period, Func<T, DateTimeOffset> timeOf, HistoryQuery query, int defaultLimit, int maxLimit)
    {
        if (period == DataPeriod.M5)
        {
            return rows;
        }
        var step = period.ToTimeSpan().Ticks;
        return Trim(rows.Where(r => timeOf(r).UtcTicks % step == 0).ToList(), query, defaultLimit, maxLimit);
    }

    /// <summary>Applies the caller's limit after aggregation: first rows from a start, otherwise the latest.</summary>
    private static IReadOnlyList<T> Trim<T>(IReadOnlyList<T> rows, HistoryQuery query, int defaultLimit, int maxLimit)
    {
        var limit = Math.Clamp(query.Limit ?? defaultLimit, 1, maxLimit);
        if (rows.Count <= limit)
        {
            return rows;
        }
        return query.Start is not null ? rows.Take(limit).ToList() : rows.Skip(rows.Count - limit).ToList();
    }
}
