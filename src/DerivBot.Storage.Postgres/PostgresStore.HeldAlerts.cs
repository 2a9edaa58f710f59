using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = batch.Alerts.Select(a => a.Id).ToArray();
        // Another instance releasing the same batch waits on these row locks and then deletes nothing.
        var deleted = await c.ExecuteAsync(tx, "DELETE FROM held_alerts WHERE id = ANY(@ids)", cancellationToken, ("ids", ids)).ConfigureAwait(false);
        if (deleted != batch.Alerts.Count)
        {
            return false; // Someone else released (part of) this batch: roll back, the next cycle sees the rest.
        }
        var inserted = await Dialect.InsertOutboxAsync(c, tx, batch.ChatKey, summary, Dialect.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
