using DerivBot.Application.Persistence;
using DerivBot.Core.OptionChains;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task RecordOptionsAsync(string venue, string asset, OptionsHistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(point);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null,
            "INSERT OR IGNORE INTO history_options (venue, asset, time, put_call_oi, put_call_volume, call_oi_share, atm_iv, underlying_price) VALUES (@v, @a, @t, @pc, @pv, @cs, @iv, @u)",
            ("v", venue), ("a", asset), ("t", DbValues.Ms(point.Time)),
            ("pc", Text(point.PutCallOiRatio)), ("pv", Text(point.PutCallVolumeRatio)), ("cs", Text(point.CallOiShare)),
            ("iv", Text(point.AtmIv)), ("u", Text(point.UnderlyingPrice)));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Text(decimal? value) => value is { } v ? Sql.Dec(v) : DBNull.Value;
}
