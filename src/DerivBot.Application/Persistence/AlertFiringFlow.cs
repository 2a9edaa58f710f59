using DerivBot.Application.Alerts;
using DerivBot.Application.Outbox;

namespace DerivBot.Application.Persistence;

/// <summary>
/// Recording an alert firing, as both stores do it (<see cref="IAlertStore.RecordFiringAsync"/>): disarm the rule, then
/// hold the alert (quiet hours, hourly cap) or enqueue it. The two concurrency steps are the dialect's: the disarm that
/// only one writer wins (<see cref="StoreDialect.DisarmRuleAsync"/>) and the chat lock that serialises the hourly cap
/// per chat (<see cref="StoreDialect.LockChatAsync"/>).
/// </summary>
public static class AlertFiringFlow
{
    public static async Task<AlertFiringOutcome> RecordAsync(StoreDialect dialect, AlertFiring firing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(firing);
        await using var c = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await dialect.BeginAsync(c, ct).ConfigureAwait(false);
        var now = DbValues.Ms(firing.FiredAt);
        var chatKey = await dialect.DisarmRuleAsync(c, tx, firing.RuleId, now, ct).ConfigureAwait(false);
        if (chatKey is null)
        {
            return AlertFiringOutcome.Stale;
        }
        AlertFiringOutcome outcome;
        if (firing.HoldUntil is { } until)
        {
            await AlertStatements.HoldAsync(c, tx, chatKey.Value, firing, "quiet", DbValues.Ms(until), ct).ConfigureAwait(false);
            outcome = AlertFiringOutcome.Held;
        }
        else
        {
            await dialect.LockChatAsync(c, tx, chatKey.Value, ct).ConfigureAwait(false);
            var windowStart = now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
            (string, object?)[] window = [("key", chatKey), ("kind", (int)OutboxKind.Alert), ("from", windowStart)];
            var sentLastHour = (long)(await c.ScalarAsync(tx, "SELECT COUNT(*) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", ct, window).ConfigureAwait(false))!;
            if (sentLastHour >= firing.CapPerHour)
            {
                var oldest = (long)(await c.ScalarAsync(tx, "SELECT MIN(created_at) FROM outbox WHERE chat_key = @key AND kind = @kind AND created_at > @from", ct, window).ConfigureAwait(false))!;
                await AlertStatements.HoldAsync(c, tx, chatKey.Value, firing, "cap", oldest + (long)TimeSpan.FromHours(1).TotalMilliseconds, ct).ConfigureAwait(false);
                outcome = AlertFiringOutcome.Held;
            }
            else
            {
                outcome = await dialect.InsertOutboxAsync(c, tx, chatKey.Value, firing.Message, firing.FiredAt, ct).ConfigureAwait(false)
                    ? AlertFiringOutcome.Enqueued
                    : AlertFiringOutcome.Duplicate;
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return outcome;
    }
}
