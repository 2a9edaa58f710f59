using DerivBot.Application.Persistence;
using DerivBot.Core.Markets;
using Microsoft.Data.Sqlite;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task RecordAsync(string venue, Symbol symbol, IReadOnlyList<FundingRatePoint> funding, IReadOnlyList<OpenInterestPoint> openInterest, IReadOnlyList<RatioPoint> globalAccountRatio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funding);
        ArgumentNullException.ThrowIfNull(openInterest);
        ArgumentNullException.ThrowIfNull(globalAccountRatio);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await InsertManyAsync(c, tx, "INSERT OR IGNORE INTO history_funding (venue, symbol, time, rate, mark_price) VALUES (@v, @s, @t, @a, @b)",
            venue, symbol, funding, p => (p.Time, Sql.Dec(p.Rate), p.MarkPrice is { } m ? Sql.Dec(m) : null, null), cancellationToken).ConfigureAwait(false);
        await InsertManyAsync(c, tx, "INSERT OR IGNORE INTO history_open_interest (venue, symbol, time, contracts, value_usd) VALUES (@v, @s, @t, @a, @b)",
            venue, symbol, openInterest, p => (p.Time, Sql.Dec(p.Contracts), Sql.Dec(p.ValueUsd), null), cancellationToken).ConfigureAwait(false);
        await InsertManyAsync(c, tx, "INSERT OR IGNORE INTO history_long_short (venue, symbol, time, ratio, long_share, short_share) VALUES (@v, @s, @t, @a, @b, @c)",
            venue, symbol, globalAccountRatio, p => (p.Time, Sql.Dec(p.Ratio), Sql.Dec(p.LongShare), Sql.Dec(p.ShortShare)), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertManyAsync<T>(SqliteConnection c, SqliteTransaction tx, string sql, string venue, Symbol symbol, IReadOnlyList<T> points,
        Func<T, (DateTimeOffset Time, string A, string? B, string? C)> columns, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return;
        }
        // One prepared command reused for every row: much faster than a command per row.
        await using var cmd = new SqliteCommand(sql, c, tx);
        cmd.Parameters.AddWithValue("@v", venue);
        cmd.Parameters.AddWithValue("@s", symbol.Value);
        var t = cmd.Parameters.Add("@t", SqliteType.Integer);
        var a = cmd.Parameters.Add("@a", SqliteType.Text);
        var b = cmd.Parameters.Add("@b", SqliteType.Text);
        var cc = sql.Contains("@c", StringComparison.Ordinal) ? cmd.Parameters.Add("@c", SqliteType.Text) : null;
        foreach (var point in points)
        {
            var (time, va, vb, vc) = columns(point);
            t.Value = DbValues.Ms(time);
            a.Value = va;
            b.Value = (object?)vb ?? DBNull.Value;
            if (cc is not null)
            {
                cc.Value = (object?)vc ?? DBNull.Value;
            }
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
