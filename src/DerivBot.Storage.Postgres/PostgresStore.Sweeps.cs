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
                ("venue", venue), ("symbol", symbol.Value), ("side", s.Side.ToString()), ("low", s.BandLow / 1.000000000000000000000000000000000m),
                ("high", s.BandHigh), ("est", s.EstimatedUsd), ("real", s.RealisedUsd), ("count", s.RealisedCount),
                ("entered", PgSql.Ms(s.EnteredAt)), ("crossed", PgSql.Ms(s.CrossedAt)), ("venues", string.Join(',', s.RealisedVenues))).ConfigureAwait(false);
        }
        await c.ExecuteAsync(tx, """
            INSERT INTO liquidation_sweep_coverage (venue, symbol, checked_since) VALUES (@venue, @symbol, @since)
            ON CONFLICT (venue, symbol) DO UPDATE SET checked_since = LEAST(liquidation_sweep_coverage.checked_since, excluded.checked_since)
            """, cancellationToken, ("venue", venue), ("symbol", symbol.Value), ("since", PgSql.Ms(checkedFrom))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    public async Task<IReadOnlyList<StoredSweep>> GetSweepsAsync(string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, """
            SELECT side, band_low, band_high, estimated_usd, realised_usd, realised_count, entered_at, crossed_at, realised_venues
            FROM liquidation_sweeps
            WHERE venue = @venue AND symbol = @symbol AND crossed_at > @from AND crossed_at <= @to
            """, ("venue", venue), ("symbol", symbol.Value), ("from", PgSql.Ms(from)), ("to", PgSql.Ms(to)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredSweep>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var venues = r.GetString(8);
            list.Add(new StoredSweep(venue, symbol.Value, Enum.Parse<PositionSide>(r.GetString(0)), r.GetDecimal(1), r.GetDecimal(2),
                r.GetDecimal(3), r.GetDecimal(4), r.GetInt32(5), PgSql.Time(r.GetInt64(6)), PgSql.Time(r.GetInt64(7)),
                venues.Length == 0 ? [] : venues.Split(',')));
        }
        // The same order as SQLite's (which sorts here because its band bottoms are text); the side by its enum value.
        return list.OrderBy(x => x.CrossedAt).ThenBy(x => x.EnteredAt).ThenBy(x => x.Side).ThenBy(x => x.BandLow).ToList();
    }

    public async Task<DateTimeOffset?> GetCheckedSinceAsync(string venue, Symbol symbol, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await c.ScalarAsync(null, "SELECT checked_since FROM liquidation_sweep_coverage WHERE venue = @venue AND symbol = @symbol",
            cancellationToken, ("venue", venue), ("symbol", symbol.Value)).ConfigureAwait(false);
        return value is long ms ? PgSql.Time(ms) : null;
    }

    public async Task<int> PruneSweepsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var n = await c.ExecuteAsync(tx, "DELETE FROM liquidation_sweeps WHERE crossed_at < @before", cancellationToken, ("before", PgSql.Ms(before))).ConfigureAwait(false);
        await c.ExecuteAsync(tx, "UPDATE liquidation_sweep_coverage SET checked_since = @before WHERE checked_since < @before", cancellationToken,
            ("before", PgSql.Ms(before))).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n;
    }
}
