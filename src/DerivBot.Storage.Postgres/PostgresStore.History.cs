using DerivBot.Core.Markets;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task RecordAsync(string venue, Symbol symbol, IReadOnlyList<FundingRatePoint> funding, IReadOnlyList<OpenInterestPoint> openInterest, IReadOnlyList<RatioPoint> globalAccountRatio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funding);
        ArgumentNullException.ThrowIfNull(openInterest);
        ArgumentNullException.ThrowIfNull(globalAccountRatio);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One batch, one round trip, one implicit transaction for the three series.
        await using var batch = new NpgsqlBatch(c);
        AddMany(batch, "INSERT INTO history_funding (venue, symbol, time, rate, mark_price) VALUES (@v, @s, @t, @a, @b) ON CONFLICT DO NOTHING",
            venue, symbol, funding, p => (p.Time, p.Rate, p.MarkPrice, null));
        AddMany(batch, "INSERT INTO history_open_interest (venue, symbol, time, contracts, value_usd) VALUES (@v, @s, @t, @a, @b) ON CONFLICT DO NOTHING",
            venue, symbol, openInterest, p => (p.Time, p.Contracts, p.ValueUsd, null));
        AddMany(batch, "INSERT INTO history_long_short (venue, symbol, time, ratio, long_share, short_share) VALUES (@v, @s, @t, @a, @b, @c) ON CONFLICT DO NOTHING",
            venue, symbol, globalAccountRatio, p => (p.Time, p.Ratio, p.LongShare, p.ShortShare));
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddMany<T>(NpgsqlBatch batch, string sql, string venue, Symbol symbol, IReadOnlyList<T> points,
        Func<T, (DateTimeOffset Time, decimal A, decimal? B, decimal? C)> columns)
    {
        var hasC = sql.Contains("@c", StringComparison.Ordinal);
        foreach (var point in points)
        {
            var (time, a, b, cc) = columns(point);
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string>("v", venue));
            command.Parameters.Add(new NpgsqlParameter<string>("s", symbol.Value));
            command.Parameters.Add(new NpgsqlParameter<long>("t", PgSql.Ms(time)));
            command.Parameters.Add(new NpgsqlParameter<decimal>("a", a));
            command.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Numeric) { Value = (object?)b ?? DBNull.Value });
            if (hasC)
            {
                command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Numeric) { Value = (object?)cc ?? DBNull.Value });
            }
            batch.BatchCommands.Add(command);
        }
    }

    public Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync("SELECT time, rate, mark_price, NULL FROM history_funding", venue, symbol, since,
            r => new FundingRatePoint(PgSql.Time(r.GetInt64(0)), r.GetDecimal(1), PgSql.DecimalOrNull(r, 2)), cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync("SELECT time, contracts, value_usd, NULL FROM history_open_interest", venue, symbol, since,
            r => new OpenInterestPoint(PgSql.Time(r.GetInt64(0)), r.GetDecimal(1), r.GetDecimal(2)), cancellationToken);

    public Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync("SELECT time, ratio, long_share, short_share FROM history_long_short", venue, symbol, since,
            r => new RatioPoint(PgSql.Time(r.GetInt64(0)), r.GetDecimal(1), r.GetDecimal(2), r.GetDecimal(3)), cancellationToken);

    private async Task<IReadOnlyList<T>> ReadSeriesAsync<T>(string select, string venue, Symbol symbol, DateTimeOffset since, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, select + " WHERE venue = @v AND symbol = @s AND time >= @since ORDER BY time",
            ("v", venue), ("s", symbol.Value), ("since", PgSql.Ms(since)));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(read(r));
        }
        return list;
    }

    async Task<int> Application.Market.IMarketHistoryStore.PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var n = 0;
        foreach (var table in new[] { "history_funding", "history_open_interest", "history_long_short", "history_options" })
        {
            n += await c.ExecuteAsync(tx, $"DELETE FROM {table} WHERE time < @before", cancellationToken, ("before", PgSql.Ms(before))).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        // The heatmap check's sweeps live as long as the market history they are calibrated against.
        return n + await PruneSweepsAsync(before, cancellationToken).ConfigureAwait(false);
    }
}
