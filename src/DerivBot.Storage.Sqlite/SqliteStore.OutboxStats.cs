using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await OutboxRows.ReadStatsAsync(c, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why dropped messages were dropped, oldest first (for tests and operators).</summary>
    public async Task<IReadOnlyList<(string IdempotencyKey, string Reason)>> GetDropReasonsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await OutboxRows.ReadDropReasonsAsync(c, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Keys of pruned rows can be enqueued again; by then their fire times are long past, so nothing re-fires them.
        var outbox = await c.ExecuteAsync(null, "DELETE FROM outbox WHERE status <> 0 AND finished_at < $before", cancellationToken, ("$before", DbValues.Ms(before))).ConfigureAwait(false);
        return outbox;
    }
}
