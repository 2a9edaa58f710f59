using System.Data.Common;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;

namespace DerivBot.Application.Persistence;

/// <summary>The market and options history reads and prunes both databases run alike (inserts stay in each store).</summary>
public static class HistoryStatements
{
    /// <summary>One series of a venue's symbol since a time, oldest first; <paramref name="select"/> is one of <see cref="HistoryRows"/>' selects.</summary>
    public static async Task<IReadOnlyList<T>> ReadSeriesAsync<T>(DbConnection c, string select, string venue, Symbol symbol, DateTimeOffset since,
        Func<DbDataReader, T> read, CancellationToken ct) =>
        await c.QueryAsync(null, select + " WHERE venue = @v AND symbol = @s AND time >= @since ORDER BY time", read, ct,
            ("v", venue), ("s", symbol.Value), ("since", DbValues.Ms(since))).ConfigureAwait(false);

    public static async Task<IReadOnlyList<OptionsHistoryPoint>> ReadOptionsAsync(DbConnection c, string venue, string asset, DateTimeOffset since,
        Func<DbDataReader, int, decimal> readDecimal, CancellationToken ct) =>
        await c.QueryAsync(null, HistoryRows.OptionsSelect + " WHERE venue = @v AND asset = @a AND time >= @since ORDER BY time",
            r => HistoryRows.Options(r, readDecimal), ct, ("v", venue), ("a", asset), ("since", DbValues.Ms(since))).ConfigureAwait(false);

    public static Task<int> PruneOptionsAsync(DbConnection c, DateTimeOffset before, CancellationToken ct) =>
        c.ExecuteAsync(null, "DELETE FROM history_options WHERE time < @before", ct, ("before", DbValues.Ms(before)));

    /// <summary>Empties every history table (<see cref="HistoryRows.Tables"/>) before the cut-off in one transaction.</summary>
    public static async Task<int> PruneAsync(DbConnection c, DateTimeOffset before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        var n = 0;
        foreach (var table in HistoryRows.Tables)
        {
            n += await c.ExecuteAsync(tx, $"DELETE FROM {table} WHERE time < @before", ct, ("before", DbValues.Ms(before))).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return n;
    }
}
