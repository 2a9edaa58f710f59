using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Core.Markets;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore : ISweepStore
{
    public async Task<int> RecordSweepsAsync(string venue, Symbol symbol, DateTimeOffset checkedFrom, IReadOnlyList<StoredSweep> sweeps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var s in sweeps)
        {
            // Band bottoms are stored normalised (no trailing zeros) like SQLite; numeric keys compare by value anyway.
            added += await c.ExecuteAsync(tx, """
                INSERT INTO liquidation_sweeps (venue, symbol, side, band_low, band_high, estimated_usd, realised_usd, realised_count,
                    entered_at, crossed_at, realised_venues)
                VALUES (@venue, @symbol, @side, @low, @high, @est, @real, @count, @entered, @crossed, @venues)
                ON CONFLICT DO NOTHING
                """, cancellationToken,
                ("venue", venue), ("symbol", symbol.Value), ("side", s.Side.ToString()), ("low", SweepRows.NormalisedBandLow(s)),
                ("high", s.BandHigh), ("est", s.EstimatedUsd), ("real", s.RealisedUsd), ("count", s.RealisedCount),
                ("entered", DbValues.Ms(s.EnteredAt)), ("crossed", DbValues.Ms(s.CrossedAt)), ("venues", SweepRows.Venues(s))).ConfigureAwait(false);
        }
        await c.ExecuteAsync(tx, """
            INSERT INTO liquidation_sweep_coverage (venue, symbol, checked_since) VALUES (@venue, @symbol, @since)
            ON CONFLICT (venue, symbol) DO UPDATE SET checked_since = LEAST(liquidation_sweep_coverage.checked_since, excluded.checked_since)
            """, cancellationToken, ("venue", venue), ("symbol", symbol.Value), ("since", DbValues.Ms(checkedFrom))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    public async Task<IReadOnlyList<StoredSweep>> GetSweepsAsync(string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await c.QueryAsync(null, SweepRows.Select + " WHERE venue = @venue AND symbol = @symbol AND crossed_at > @from AND crossed_at <= @to",
            r => SweepRows.Read(r, venue, symbol, PgSql.ReadDecimal), cancellationToken, ("venue", venue), ("symbol", symbol.Value), ("from", DbValues.Ms(from)), ("to", DbValues.Ms(to))).ConfigureAwait(false);
        return SweepRows.Ordered(rows);
    }

    public async Task<DateTimeOffset?> GetCheckedSinceAsync(string venue, Symbol symbol, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await c.ScalarAsync(null, "SELECT checked_since FROM liquidation_sweep_coverage WHERE venue = @venue AND symbol = @symbol",
            cancellationToken, ("venue", venue), ("symbol", symbol.Value)).ConfigureAwait(false);
        return value is long ms ? DbValues.Time(ms) : null;
    }

    public async Task<int> PruneSweepsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var n = await c.ExecuteAsync(tx, "DELETE FROM liquidation_sweeps WHERE crossed_at < @before", cancellationToken, ("before", DbValues.Ms(before))).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE liquidation_sweep_coverage SET checked_since = @before WHERE checked_since < @before", cancellationToken,
            ("before", DbValues.Ms(before))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n;
    }
}
