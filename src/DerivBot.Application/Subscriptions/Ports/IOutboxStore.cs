using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Subscriptions.Ports;

/// <summary>
/// The persisted outbox. Rows are written in the same transaction as the decision to send (see
/// <see cref="ISubscriptionStore.RecordDigestsAsync"/>, <see cref="IAlertStore.RecordFiringAsync"/>) and drained with at
/// most <see cref="OutboxOptions.MaxInFlight"/> messages in flight per platform, one per chat, so a crash re-sends at
/// most the messages that were in flight.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Enqueues a message unless its idempotency key exists; true if it was added.</summary>
    Task<bool> EnqueueAsync(OutboxDraft draft, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The oldest pending message for <paramref name="platform"/> whose next attempt is due at <paramref name="now"/>, or null.</summary>
    Task<OutboxItem?> PeekNextAsync(ChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> due messages for <paramref name="platform"/>, oldest first, each the OLDEST pending
    /// message of its chat (a chat whose oldest pending message is not due yet has none here), so sending them in
    /// parallel keeps every chat's order.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> PeekChatHeadsAsync(ChatPlatform platform, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Records the results of several sends in ONE transaction (marks sent/dropped, reschedules); each counts an attempt.</summary>
    Task CompleteAsync(IReadOnlyList<OutboxCompletion> completions, CancellationToken cancellationToken);

    /// <summary>The earliest next-attempt time of pending messages for <paramref name="platform"/>, or null.</summary>
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
