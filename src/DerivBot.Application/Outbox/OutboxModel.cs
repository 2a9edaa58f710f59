using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Outbox;

/// <summary>What kind of broadcast a message is (for logs and the per-hour alert cap).</summary>
public enum OutboxKind
{
    Digest = 0,
    Alert = 1,
    /// <summary>A summary of held alerts (quiet hours / "N more alerts").</summary>
    Summary = 2,
    /// <summary>An answer to a command that arrived by webhook (any instance may have received it; whichever drains sends it).</summary>
    Reply = 3,
}

/// <summary>A message to enqueue. <paramref name="IdempotencyKey"/> is UNIQUE in the outbox (e.g. <c>sub:42:2025-10-10T08:00:00Z</c>).</summary>
public sealed record OutboxDraft(ChatAddress Chat, OutboxKind Kind, string IdempotencyKey, OutboundMessage Message);

/// <summary>A pending message claimed for sending.</summary>
/// <param name="ChatActive">False when the chat was marked inactive after the message was enqueued.</param>
public sealed record OutboxItem(
    long Id,
    ChatAddress Chat,
    bool ChatActive,
    string? InactiveReason,
    OutboxKind Kind,
    string IdempotencyKey,
    OutboundMessage Message,
    int Attempts,
    DateTimeOffset CreatedAt);

/// <summary>Counts of outbox rows by state, for health output and tests.</summary>
public sealed record OutboxStats(int Pending, int Sent, int Dropped);

/// <summary>What happened to a claimed message.</summary>
public enum OutboxOutcome
{
    /// <summary>The platform accepted it.</summary>
    Sent = 0,
    /// <summary>Given up (inactive chat, chat gone, permanent failure, too many attempts); the reason is kept.</summary>
    Dropped = 1,
    /// <summary>Stays pending; tried again at <see cref="OutboxCompletion.At"/>.</summary>
    Retry = 2,
}

/// <summary>
/// The result of one send, written with others in one transaction (<see cref="IOutboxStore.CompleteAsync"/>).
/// </summary>
/// <param name="At">When it was sent or dropped; for <see cref="OutboxOutcome.Retry"/>, the next attempt time.</param>
public sealed record OutboxCompletion(long Id, OutboxOutcome Outcome, DateTimeOffset At, string? Reason = null);
