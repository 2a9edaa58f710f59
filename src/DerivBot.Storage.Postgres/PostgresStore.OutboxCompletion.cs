using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One round trip for the whole batch, in one transaction (a batch is implicitly transactional).
        await using var batch = new NpgsqlBatch(c);
        foreach (var done in completions)
        {
            var command = new NpgsqlBatchCommand(done.Outcome == OutboxOutcome.Retry
                ? "UPDATE outbox SET next_attempt_at = @at, status_reason = @reason, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id"
                : "UPDATE outbox SET status = @status, status_reason = @reason, finished_at = @at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = @id");
            if (done.Outcome != OutboxOutcome.Retry)
            {
                command.Parameters.Add(new NpgsqlParameter<int>("status", (int)(done.Outcome == OutboxOutcome.Sent ? OutboxRowStatus.Sent : OutboxRowStatus.Dropped)));
            }
            command.Parameters.Add(new NpgsqlParameter<long>("at", DbValues.Ms(done.At)));
            command.Parameters.Add(PgSql.Typed("reason", NpgsqlDbType.Text, done.Reason));
            command.Parameters.Add(new NpgsqlParameter<long>("id", done.Id));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
