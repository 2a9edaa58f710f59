using DerivBot.Core.Chat;

namespace DerivBot.Application.Subscriptions;

/// <summary>A due subscription with what the digest run needs to know about its chat.</summary>
/// <param name="Retry">Set when earlier attempts at this digest could not be rendered (it is being retried within its slot).</param>
/// <param name="OutageNoticed">True when the chat was already told that a digest was skipped in the current outage.</param>
public sealed record DueSubscription(Subscription Subscription, ChatSettings Chat, bool Muted, DigestRetry? Retry = null, bool OutageNoticed = false);

/// <summary>A digest being retried: the due time of its slot and how many renders failed so far.</summary>
public sealed record DigestRetry(DateTimeOffset SlotDueAt, int Failures);

/// <summary>
/// A digest whose slot passed without a render: the schedule moves to <paramref name="NextDueAt"/>, and
/// <paramref name="Notice"/> ("skipped: reason") is enqueued unless the chat was already told during this outage.
/// </summary>
public sealed record DigestSkip(long SubscriptionId, DateTimeOffset NextDueAt, Outbox.OutboxDraft? Notice);

/// <summary>One digest to enqueue for one subscription, and the schedule advance that goes with it.</summary>
/// <param name="FiredFor">The due time this digest answers; with the subscription id it forms the idempotency key.</param>
/// <param name="Messages">Nothing when the digest is skipped (inactive chat, muted symbol): the schedule still advances.</param>
public sealed record DigestDelivery(
    long SubscriptionId,
    DateTimeOffset FiredFor,
    DateTimeOffset NextDueAt,
    IReadOnlyList<Outbox.OutboxDraft> Messages);
