using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;
using DerivBot.Application.Persistence;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<AlertFiringOutcome> RecordFiringAsync(AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = c.BeginTransaction();
        var chatKey = await c.ScalarAsync(tx, "SELECT chat_key FROM alert_rules WHERE id = @id AND armed = 1 AND enabled = 1", cancellationToken, ("id", firing.RuleId)).ConfigureAwait(false) as long?;
        if (chatKey is null)
        {
            return AlertFiringOutcome.Stale;
        }
        var now = DbValues.Ms(firing.FiredAt);
        await c.ExecuteAsync(tx, "UPDATE alert_rules SET armed = 0, last_fired_at = @now, enabled = repeat WHERE id = @id", cancellationToken,
            ("now", now), ("id", firing.RuleId)).ConfigureAwait(false);
        AlertFiringOutcome outcome;
        if (firing.HoldUntil is { } until)
        {
            await AlertStatements.HoldAsync(c, tx, chatKey.Value, firing, "quiet", DbValues.Ms(until), cancellationToken).ConfigureAwait(false);
            outcome = AlertFiringOutcome.Held;
        }
        else
        {
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
