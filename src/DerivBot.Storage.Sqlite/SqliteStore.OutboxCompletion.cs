using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        await using var finish = c.Command(tx, "UPDATE outbox SET status = @status, status_reason = @reason, finished_at = @at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            ("status", 0), ("reason", null), ("at", 0L), ("id", 0L));
        await using var retry = c.Command(tx, "UPDATE outbox SET next_attempt_at = @next, status_reason = @reason, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            ("next", 0L), ("reason", null), ("id", 0L));
        foreach (var done in completions)
        {
            var cmd = done.Outcome == OutboxOutcome.Retry ? retry : finish;
            if (done.Outcome == OutboxOutcome.Retry)
            {
                cmd.Parameters["@next"].Value = DbValues.Ms(done.At);
            }
            else
            {
                cmd.Parameters["@status"].Value = (int)(done.Outcome == OutboxOutcome.Sent ? OutboxRowStatus.Sent : OutboxRowStatus.Dropped);
                cmd.Parameters["@at"].Value = DbValues.Ms(done.At);
            }
            cmd.Parameters["@reason"].Value = (object?)done.Reason ?? DBNull.Value;
            cmd.Parameters["@id"].Value = done.Id;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
