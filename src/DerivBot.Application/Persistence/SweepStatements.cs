using System.Data.Common;
using DerivBot.Application.Study;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Persistence;

/// <summary>The sweep reads and prune both databases run alike (recording, with its upserts, stays in each store).</summary>
public static class SweepStatements
{
    public static async Task<IReadOnlyList<StoredSweep>> GetAsync(DbConnection c, string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to,
        Func<DbDataReader, int, decimal> readDecimal, CancellationToken ct)
    {
        var rows = await c.QueryAsync(null, SweepRows.Select + " WHERE venue = @venue AND symbol = @symbol AND crossed_at > @from AND crossed_at <= @to",
            r => SweepRows.Read(r, venue, symbol, readDecimal), ct,
            ("venue", venue), ("symbol", symbol.Value), ("from", DbValues.Ms(from)), ("to", DbValues.Ms(to))).ConfigureAwait(false);
        return SweepRows.Ordered(rows);
    }

    public static async Task<DateTimeOffset?> GetCheckedSinceAsync(DbConnection c, string venue, Symbol symbol, CancellationToken ct)
    {
        var value = await c.ScalarAsync(null, "SELECT checked_since FROM liquidation_sweep_coverage WHERE venue = @venue AND symbol = @symbol",
            ct, ("venue", venue), ("symbol", symbol.Value)).ConfigureAwait(false);
        return value is long ms ? DbValues.Time(ms) : null;
    }

    /// <summary>Deletes sweeps crossed before <paramref name="before"/> and moves coverage up to it, in one transaction.</summary>
    public static async Task<int> PruneAsync(DbConnection c, DateTimeOffset before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        var n = await c.ExecuteAsync(tx, "DELETE FROM liquidation_sweeps WHERE crossed_at < @before", ct, ("before", DbValues.Ms(before))).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE liquidation_sweep_coverage SET checked_since = @before WHERE checked_since < @before", ct,
            ("before", DbValues.Ms(before))).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return n;
    }
}
