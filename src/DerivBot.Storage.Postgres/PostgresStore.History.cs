using DerivBot.Application.Persistence;
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
            command.Parameters.Add(new NpgsqlParameter<long>("t", DbValues.Ms(time)));
            command.Parameters.Add(new NpgsqlParameter<decimal>("a", a));
            command.Parameters.Add(PgSql.Typed("b", NpgsqlDbType.Numeric, b));
            if (hasC)
            {
                command.Parameters.Add(PgSql.Typed("c", NpgsqlDbType.Numeric, cc));
            }
            batch.BatchCommands.Add(command);
        }
    }
}
