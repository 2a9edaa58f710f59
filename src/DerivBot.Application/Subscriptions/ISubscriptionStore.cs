using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

/// <summary>
/// Chat settings, subscriptions and mutes as the subscription commands and the digest job need them.
/// Implemented by the embedded store (SQLite); a later PostgreSQL store implements the same port so several
/// instances can share one database. Every method is atomic; limits are enforced inside the write transaction so
/// concurrent commands on one chat cannot exceed them.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>The chat's settings, or null if the bot never saw the chat.</summary>
    Task<ChatSettings?> GetChatAsync(ChatAddress chat, CancellationToken cancellationToken);

    Task SetLanguageAsync(ChatAddress chat, Language language, CancellationToken cancellationToken);

    /// <summary>Sets the IANA zone and moves each subscription's next due time to <paramref name="nextDue"/>(subscription).</summary>
    Task SetTimeZoneAsync(ChatAddress chat, string timeZone, Func<Subscription, DateTimeOffset> nextDue, CancellationToken cancellationToken);

    /// <summary>Quiet hours in the chat's zone; both null turns them off.</summary>
    Task SetQuietHoursAsync(ChatAddress chat, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken);

    /// <summary>Adds subscriptions unless the chat would then have more than <paramref name="limit"/>; duplicates (same symbol, kind, schedule) are reported, not added.</summary>
    Task<AddOutcome<Subscription>> AddSubscriptionsAsync(ChatAddress chat, IReadOnlyList<NewSubscription> subscriptions, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>Removes the chat's matching subscriptions; returns how many.</summary>
    Task<int> RemoveSubscriptionsAsync(ChatAddress chat, RemovalTarget target, CancellationToken cancellationToken);

    /// <summary>The earliest next-due time over all subscriptions, or null when there are none.</summary>
    Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken);

    /// <summary>Subscriptions due at or before <paramref name="now"/>, with their chats, oldest first.</summary>
    Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// In ONE transaction per call: enqueues each delivery's messages (INSERT OR IGNORE on the idempotency key) and
    /// advances its subscription (last fired, next due, retry state cleared); a delivery with messages ends its chat's
    /// digest outage. Returns the number of messages actually enqueued.
    /// </summary>
    Task<int> RecordDigestsAsync(IReadOnlyList<DigestDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Postpones a subscription's next due time (rendering failed) without recording a firing.</summary>
    Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken);

    /// <summary>
    /// A digest could not be rendered: retry at <paramref name="retryAt"/>, remembering the slot it belongs to
    /// (<paramref name="slotDueAt"/>, kept from the first failure) and counting the failure.
    /// </summary>
    Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>
    /// In ONE transaction: moves the subscription past its missed slot (clearing its retry state) and, if the chat was
    /// not told yet during this outage, enqueues the notice and remembers that it was told. True when the notice was enqueued.
    /// A later successful digest to the chat (<see cref="RecordDigestsAsync"/>) ends the outage.
    /// </summary>
    Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken);

    /// <summary>Mutes alerts and digests of <paramref name="symbol"/> (all symbols when null) until <paramref name="until"/>.</summary>
    Task MuteAsync(ChatAddress chat, Symbol? symbol, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes the mute of <paramref name="symbol"/> (all mutes when null); returns how many were removed.</summary>
    Task<int> UnmuteAsync(ChatAddress chat, Symbol? symbol, CancellationToken cancellationToken);

    Task<IReadOnlyList<Mute>> ListMutesAsync(ChatAddress chat, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The union of symbols of subscriptions and enabled alert rules of active chats, each once.</summary>
    Task<IReadOnlyList<Symbol>> GetWatchedSymbolsAsync(CancellationToken cancellationToken);
}
