using System.Data.Common;
using DerivBot.Application.Persistence;
using DerivBot.Core.Markets;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.FundingSelect, venue, symbol, since,
            r => HistoryRows.Funding(r, Sql.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.OpenInterestSelect, venue, symbol, since,
            r => HistoryRows.OpenInterest(r, Sql.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.LongShortSelect, venue, symbol, since,
            r => HistoryRows.LongShort(r, Sql.ReadDecimal), cancellationToken);

    private async Task<IReadOnlyList<T>> ReadSeriesAsync<T>(string select, string venue, Symbol symbol, DateTimeOffset since, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await c.QueryAsync(null, select + " WHERE venue = $v AND symbol = $s AND time >= $since ORDER BY time", read, ct,
            ("$v", venue), ("$s", symbol.Value), ("$since", DbValues.Ms(since))).ConfigureAwait(false);
    }

    async Task<int> Application.Market.IMarketHistoryStore.PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var n = 0;
        foreach (var table in HistoryRows.Tables)
        {
            n += await c.ExecuteAsync(tx, $"DELETE FROM {table} WHERE time < $before", cancellationToken, ("$before", DbValues.Ms(before))).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        // The heatmap check's sweeps live as long as the market history they are calibrated against.
        return n + await PruneSweepsAsync(before, cancellationToken).ConfigureAwait(false);
    }
}
