using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = DbValues.Ms(firing.FiredAt);
        // Check and disarm in one statement: of two instances firing the same rule at once, one sees it armed.
        var chatKey = await c.ScalarAsync(tx, "UPDATE alert_rules SET armed = false, last_fired_at = @now, enabled = repeat WHERE id = @id AND armed AND enabled RETURNING chat_key",
            cancellationToken, ("now", now), ("id", firing.RuleId)).ConfigureAwait(false) as long?;
        if (chatKey is null)
        {
            return AlertFiringOutcome.Stale;
        }
        AlertFiringOutcome outcome;
        if (firing.HoldUntil is { } until)
        {
            await AlertStatements.HoldAsync(c, tx, chatKey.Value, firing, "quiet", DbValues.Ms(until), cancellationToken).ConfigureAwait(false);
            outcome = AlertFiringOutcome.Held;
        }
        else
        {
            // The chat's row lock serialises the hourly cap per chat (SQLite serialises all writers).
            await c.ExecuteAsync(tx, "SELECT 1 FROM chats WHERE id = @key FOR UPDATE", cancellationToken, ("key", chatKey)).ConfigureAwait(false);
            var windowStart = now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
            (string, object?)[] window = [("key", chatKey), ("kind", (int)OutboxKind.Alert), ("from", windowStart)];
            var sentLastHour = (long)(await c.ScalarAsync(tx, "SELECT COUNT(*) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", cancellationToken, window).ConfigureAwait(false))!;
            if (sentLastHour >= firing.CapPerHour)
            {
                var oldest = (long)(await c.ScalarAsync(tx, "SELECT MIN(created_at) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", cancellationToken, window).ConfigureAwait(false))!;
                await AlertStatements.HoldAsync(c, tx, chatKey.Value, firing, "cap", oldest + (long)TimeSpan.FromHours(1).TotalMilliseconds, cancellationToken).ConfigureAwait(false);
                outcome = AlertFiringOutcome.Held;
            }
            else
            {
                outcome = await _dialect.InsertOutboxAsync(c, tx, chatKey.Value, firing.Message, firing.FiredAt, cancellationToken).ConfigureAwait(false)
                    ? AlertFiringOutcome.Enqueued
                    : AlertFiringOutcome.Duplicate;
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
