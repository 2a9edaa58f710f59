using DerivBot.Application.Persistence;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<DateTimeOffset?> GetEarliestDueAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.GetEarliestDueAsync(c, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DueSubscription>> GetDueSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.GetDueAsync(c, now, cancellationToken), cancellationToken);

    public Task<int> RecordDigestsAsync(IReadOnlyList<DigestDelivery> deliveries, CancellationToken cancellationToken) =>
        DigestFlows.RecordAsync(_dialect, deliveries, cancellationToken);

    public Task PostponeAsync(long subscriptionId, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.SetNextDueAsync(c, null, subscriptionId, nextDueAt, cancellationToken), cancellationToken);

    public Task PostponeDigestAsync(long subscriptionId, DateTimeOffset slotDueAt, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => SubscriptionStatements.PostponeDigestAsync(c, subscriptionId, slotDueAt, retryAt, cancellationToken), cancellationToken);

    public Task<bool> SkipDigestAsync(DigestSkip skip, CancellationToken cancellationToken) =>
        DigestFlows.SkipAsync(_dialect, skip, cancellationToken);
}
