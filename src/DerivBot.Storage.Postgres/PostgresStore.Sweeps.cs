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
}
