using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<bool> ReleaseHeldAsync(HeldAlertBatch batch, OutboxDraft summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var deleted = 0;
        foreach (var alert in batch.Alerts)
        {
            deleted += await c.ExecuteAsync(tx, "DELETE FROM held_alerts WHERE id = @id", cancellationToken, ("id", alert.Id)).ConfigureAwait(false);
        }
        if (deleted != batch.Alerts.Count)
        {
            return false; // Someone else released (part of) this batch: roll back, the next cycle sees the rest.
        }
        var inserted = await Dialect.InsertOutboxAsync(c, tx, batch.ChatKey, summary, Dialect.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
