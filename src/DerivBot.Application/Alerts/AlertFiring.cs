namespace DerivBot.Application.Alerts;

/// <summary>How a fired alert was handled.</summary>
public enum AlertFiringOutcome
{
    /// <summary>Enqueued in the outbox.</summary>
    Enqueued,
    /// <summary>Held (quiet hours or the hourly cap); summarised later.</summary>
    Held,
    /// <summary>The same firing was already recorded (idempotency key).</summary>
    Duplicate,
    /// <summary>The rule changed under us (removed, disarmed, disabled): nothing recorded.</summary>
    Stale,
}

/// <summary>
/// One firing: the rule update, and either an outbox message or a held entry, recorded in one transaction.
/// </summary>
/// <param name="HoldUntil">Quiet hours: hold until this time instead of sending.</param>
/// <param name="HeldText">One line for the summary if the alert is held (already localized).</param>
/// <param name="CapPerHour">At most this many alerts per chat per rolling hour; the rest are held for the "N more alerts" digest.</param>
public sealed record AlertFiring(
    long RuleId,
    DateTimeOffset FiredAt,
    Outbox.OutboxDraft Message,
    string HeldText,
    DateTimeOffset? HoldUntil,
    int CapPerHour);
