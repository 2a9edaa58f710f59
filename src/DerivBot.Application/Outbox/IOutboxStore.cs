using DerivBot.Application.Alerts;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Outbox;

/// <summary>
/// The persisted outbox. Rows are written in the same transaction as the decision to send (see
/// <see cref="ISubscriptionStore.RecordDigestsAsync"/>, <see cref="IAlertStore.RecordFiringAsync"/>) and drained with at
/// most <see cref="OutboxOptions.MaxInFlight"/> messages in flight per platform, one per chat, so a crash re-sends at
/// most the messages that were in flight. Several instances may drain one database: a message is CLAIMED with a lease
/// (<see cref="ClaimChatHeadsAsync"/>, <see cref="OutboxOptions.ClaimLease"/>) so two instances never send it at once.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Enqueues a message unless its idempotency key exists; true if it was added.</summary>
    Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The oldest pending message for <paramref name="platform"/> whose next attempt is due at <paramref name="now"/>, or null.</summary>
    Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// CLAIMS up to <paramref name="limit"/> due messages for <paramref name="platform"/>, command replies
    /// (<see cref="OutboxKind.Reply"/>) first — a user waiting for an answer should not queue behind a broadcast to
    /// other chats — then oldest first, each the OLDEST
    /// pending message of its chat, for <paramref name="claimedBy"/> (the instance id) until <paramref name="now"/> +
    /// <paramref name="lease"/>. A chat whose oldest pending message is not due yet, or is claimed by anyone under a lease
    /// that has not expired, has none here, so sending them in parallel — in one instance or several on one database —
    /// keeps every chat's order and never hands one message to two claimers at once. A lease that expired (its claimer
    /// died or hung) is taken over. <see cref="CompleteAsync"/> clears the claim.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimChatHeadsAsync(ChatPlatform platform, string claimedBy, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the lease of the claims <paramref name="claimedBy"/> still holds on <paramref name="ids"/> to
    /// <paramref name="until"/> (a send still running at half its lease); rows claimed by someone else are left alone.
    /// </summary>
    Task ExtendClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back the claims <paramref name="claimedBy"/> still holds on <paramref name="ids"/> (sends abandoned at
    /// shutdown), so another instance or the next start need not wait for the lease to expire. Rows claimed by someone
    /// else meanwhile are left alone.
    /// </summary>
    Task ReleaseClaimsAsync(IReadOnlyCollection<long> ids, string claimedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Records the results of several sends in ONE transaction (marks sent/dropped, reschedules); each counts an attempt
    /// and clears the row's claim.
    /// </summary>
    Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken);

    /// <summary>
    /// When the next message for <paramref name="platform"/> can be claimed: the earliest, over chats' oldest pending
    /// messages, of the later of its next-attempt time and its claim's expiry; null when nothing is pending.
    /// </summary>
    Task<DateTimeOffset?> GetNextAttemptAsync(ChatPlatform platform, CancellationToken cancellationToken);

    Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Gives up on a message, keeping the row with <paramref name="reason"/> (inactive chat, chat gone, permanent failure).</summary>
    Task MarkDroppedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Tries again at <paramref name="nextAttemptAt"/>; counts an attempt.</summary>
    Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken);

    Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes sent and dropped rows older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
