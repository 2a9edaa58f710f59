using DerivBot.Core.Chat;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

/// <summary>A new subscription as a command asks for it.</summary>
public sealed record NewSubscription(Symbol Symbol, DigestKind Kind, DigestSchedule Schedule, DateTimeOffset NextDueAt);

/// <summary>A stored subscription.</summary>
/// <param name="NextDueAt">When the next digest is due (UTC).</param>
/// <param name="LastFiredAt">The due time of the last digest that was enqueued, or null.</param>
public sealed record Subscription(
    long Id,
    ChatAddress Chat,
    Symbol Symbol,
    DigestKind Kind,
    DigestSchedule Schedule,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextDueAt,
    DateTimeOffset? LastFiredAt);
