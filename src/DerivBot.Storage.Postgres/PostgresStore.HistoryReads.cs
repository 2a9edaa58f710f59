using System.Data.Common;
using DerivBot.Application.Persistence;
using DerivBot.Core.Markets;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<IReadOnlyList<FundingRatePoint>> GetFundingAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.FundingSelect, venue, symbol, since,
            r => HistoryRows.Funding(r, PgSql.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.OpenInterestSelect, venue, symbol, since,
            r => HistoryRows.OpenInterest(r, PgSql.ReadDecimal), cancellationToken);

    public Task<IReadOnlyList<RatioPoint>> GetLongShortAsync(string venue, Symbol symbol, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadSeriesAsync(HistoryRows.LongShortSelect, venue, symbol, since,
            r => HistoryRows.LongShort(r, PgSql.ReadDecimal), cancellationToken);

    private Task<IReadOnlyList<T>> ReadSeriesAsync<T>(string select, string venue, Symbol symbol, DateTimeOffset since, Func<DbDataReader, T> read, CancellationToken ct) =>
        WithConnectionAsync(c => HistoryStatements.ReadSeriesAsync(c, select, venue, symbol, since, read, ct), ct);

    async Task<int> Application.Market.IMarketHistoryStore.PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var n = await WithConnectionAsync(c => HistoryStatements.PruneAsync(c, before, cancellationToken), cancellationToken).ConfigureAwait(false);
        // The heatmap check's sweeps live as long as the market history they are calibrated against.
        return n + await PruneSweepsAsync(before, cancellationToken).ConfigureAwait(false);
    }
}
