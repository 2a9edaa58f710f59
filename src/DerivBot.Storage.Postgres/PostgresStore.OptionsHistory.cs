using DerivBot.Application.Persistence;
using DerivBot.Core.OptionChains;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task RecordOptionsAsync(string venue, string asset, OptionsHistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(point);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null,
            "INSERT INTO history_options (venue, asset, time, put_call_oi, put_call_volume, call_oi_share, atm_iv, underlying_price) VALUES (@v, @a, @t, @pc, @pv, @cs, @iv, @u) ON CONFLICT DO NOTHING",
            ("v", venue), ("a", asset), ("t", DbValues.Ms(point.Time)));
        cmd.Parameters.Add(Numeric("pc", point.PutCallOiRatio));
        cmd.Parameters.Add(Numeric("pv", point.PutCallVolumeRatio));
        cmd.Parameters.Add(Numeric("cs", point.CallOiShare));
        cmd.Parameters.Add(Numeric("iv", point.AtmIv));
        cmd.Parameters.Add(Numeric("u", point.UnderlyingPrice));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Numeric(string name, decimal? value) => PgSql.Typed(name, NpgsqlDbType.Numeric, value);
}
