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
