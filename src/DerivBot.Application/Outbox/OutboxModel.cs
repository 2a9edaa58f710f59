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

/// <summary>The durable outbox drainer. Section: <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Messages in flight per platform (<c>Outbox:MaxInFlight</c>, default 8, 1–64), never two for one chat. A message
    /// counts as in flight from the moment it is claimed until its "sent" mark is committed, so after a crash at most
    /// this many messages per platform can be delivered twice. The platform's pacer is the only throttle: the goal
    /// needs rate × round trip (30/s × 100 ms = 3), 8 leaves headroom for slower round trips.
    /// </summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>
    /// How long a claimed message stays invisible to other instances (<c>Outbox:ClaimLease</c>, default 00:00:30,
    /// 00:00:05–00:10:00). The claim is cleared when its result is recorded; an instance that died holding it delays that
    /// chat's messages by at most this long, after which another instance takes the message over (and may send it a
    /// second time if the dead one had already sent it). A live instance renews the claims of its sends still running
    /// at half the lease, so a slow send is never taken over.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Validates <see cref="OutboxOptions"/>; messages name the configuration key.</summary>
public sealed class OutboxOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxInFlight is < 1 or > 64)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Outbox:MaxInFlight must be 1–64 (was {options.MaxInFlight}).");
        }
        return options.ClaimLease < TimeSpan.FromSeconds(5) || options.ClaimLease > TimeSpan.FromMinutes(10)
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Outbox:ClaimLease must be between 00:00:05 and 00:10:00 (was {options.ClaimLease}).")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
