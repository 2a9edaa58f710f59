namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    // The series reads are shared (RelationalStore); pruning also drops the heatmap check's sweeps, which live as long
    // as the market history they are calibrated against.
    async Task<int> Application.Market.IMarketHistoryStore.PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await PruneHistoryAsync(before, cancellationToken).ConfigureAwait(false) + await PruneSweepsAsync(before, cancellationToken).ConfigureAwait(false);
}
