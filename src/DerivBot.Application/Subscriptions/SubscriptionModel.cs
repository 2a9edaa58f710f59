using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

/// <summary>What a subscription posts. Ids are stable: they are stored in the database.</summary>
public enum DigestKind
{
    /// <summary>The funding × OI quadrant digest (<c>quadrant SYMBOL</c>).</summary>
    Quadrant = 0,
    /// <summary>The liquidation summary (<c>liq SYMBOL</c>).</summary>
    Liquidations = 1,
    /// <summary>The full dashboard (<c>signal SYMBOL</c>).</summary>
    Dashboard = 2,
    /// <summary>The funding-settlement recap (<c>funding SYMBOL</c>).</summary>
    FundingRecap = 3,
    /// <summary>The options positioning report (<c>options SYMBOL</c>: put/call, max pain, ATM IV).</summary>
    Options = 4,
    /// <summary>A quiz whose kind rotates by day (<c>quiz SYMBOL rotate</c>).</summary>
    Quiz = 5,
    /// <summary>The quadrant quiz every time (<c>quiz SYMBOL quadrant</c>).</summary>
    QuizQuadrant = 6,
    /// <summary>The venues quiz every time.</summary>
    QuizVenues = 7,
    /// <summary>The funding-median quiz every time.</summary>
    QuizFunding = 8,
    /// <summary>The liquidation-side quiz every time.</summary>
    QuizLiquidations = 9,
    /// <summary>The weekly recap of one symbol, or of every symbol the chat subscribes to when the symbol is <see cref="DigestKindExtensions.AllSymbols"/>.</summary>
    Recap = 10,
}

public static class DigestKindExtensions
{
    /// <summary>The query command whose reply is the digest (rendered once per symbol, kind and language).</summary>
    public static string QueryCommand(this DigestKind kind) => kind switch
    {
        DigestKind.Quadrant => "quadrant",
        DigestKind.Liquidations => "liq",
        DigestKind.Dashboard => "signal",
        DigestKind.FundingRecap => "funding",
        DigestKind.Options => "options",
        DigestKind.Recap => "recap",
        DigestKind.Quiz or DigestKind.QuizQuadrant or DigestKind.QuizVenues or DigestKind.QuizFunding or DigestKind.QuizLiquidations => "quiz",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The arguments of <see cref="QueryCommand"/> for <paramref name="symbol"/>.</summary>
    public static string QueryArguments(this DigestKind kind, Symbol symbol) => kind switch
    {
        DigestKind.Quiz => symbol.Value + " rotate",
        DigestKind.QuizQuadrant => symbol.Value + " quadrant",
        DigestKind.QuizVenues => symbol.Value + " venues",
        DigestKind.QuizFunding => symbol.Value + " funding",
        DigestKind.QuizLiquidations => symbol.Value + " liq",
        DigestKind.Recap when symbol == AllSymbols => "",
        _ => symbol.Value,
    };

    /// <summary>True for the quiz kinds: each render is a new quiz.</summary>
    public static bool IsQuiz(this DigestKind kind) => kind is >= DigestKind.Quiz and <= DigestKind.QuizLiquidations;

    /// <summary>True when the digest's content depends on the chat (its subscriptions, its quiz scores): rendered per chat.</summary>
    public static bool IsPerChat(this DigestKind kind) => kind == DigestKind.Recap;

    /// <summary>The symbol stored for a recap of all the chat's subscribed symbols.</summary>
    public static readonly Symbol AllSymbols = new("*");
}

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

/// <summary>Which subscriptions or alerts <c>/unsubscribe</c> or <c>/unalert</c> removes.</summary>
public sealed record RemovalTarget(long? Id, Symbol? Symbol, bool All)
{
    public static RemovalTarget ById(long id) => new(id, null, false);
    public static RemovalTarget BySymbol(Symbol symbol) => new(null, symbol, false);
    public static RemovalTarget Everything { get; } = new(null, null, true);
}

/// <summary>Outcome of adding rows under a per-chat limit.</summary>
/// <param name="Added">Rows created now.</param>
/// <param name="Existing">Requested rows that already existed (not duplicated).</param>
/// <param name="LimitReached">True when nothing was added because the chat would exceed its limit.</param>
/// <param name="Count">The chat's row count after the operation.</param>
public sealed record AddOutcome<T>(IReadOnlyList<T> Added, IReadOnlyList<T> Existing, bool LimitReached, int Count);

/// <summary>A chat's mute of one symbol (or of everything when <see cref="Symbol"/> is null) until a time.</summary>
public sealed record Mute(Symbol? Symbol, DateTimeOffset Until);

/// <summary>One digest to enqueue for one subscription, and the schedule advance that goes with it.</summary>
/// <param name="FiredFor">The due time this digest answers; with the subscription id it forms the idempotency key.</param>
/// <param name="Messages">Nothing when the digest is skipped (inactive chat, muted symbol): the schedule still advances.</param>
public sealed record DigestDelivery(
    long SubscriptionId,
    DateTimeOffset FiredFor,
    DateTimeOffset NextDueAt,
    IReadOnlyList<Outbox.OutboxDraft> Messages);

/// <summary>Language, time zone and quiet hours as chat settings commands change them.</summary>
public static class ChatSettingsDefaults
{
    public const string TimeZone = "UTC";
    public const Language Language = DerivBot.Core.Localization.Language.En;
}

/// <summary>
/// What an add request means against a chat's current subscriptions — the part every store shares (only the SQL to
/// read and insert differs): requests already subscribed are <see cref="Existing"/>, the rest (each once) are
/// <see cref="ToAdd"/>, and <see cref="OverLimit"/> when adding them would pass the chat's limit.
/// </summary>
public sealed record SubscriptionAddPlan(IReadOnlyList<Subscription> Existing, IReadOnlyList<NewSubscription> ToAdd, bool OverLimit)
{
    public static SubscriptionAddPlan For(IReadOnlyList<Subscription> current, IReadOnlyList<NewSubscription> requested, int limit)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requested);
        var existing = new List<Subscription>();
        var toAdd = new List<NewSubscription>();
        foreach (var s in requested)
        {
            var match = current.FirstOrDefault(e => e.Symbol == s.Symbol && e.Kind == s.Kind && e.Schedule == s.Schedule);
            if (match is not null)
            {
                existing.Add(match);
            }
            else if (!toAdd.Any(a => a.Symbol == s.Symbol && a.Kind == s.Kind && a.Schedule == s.Schedule))
            {
                toAdd.Add(s);
            }
        }
        return new SubscriptionAddPlan(existing, toAdd, current.Count + toAdd.Count > limit);
    }
}
