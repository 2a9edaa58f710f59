using DerivBot.Core.Localization;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

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

/// <summary>Language, time zone and quiet hours as chat settings commands change them.</summary>
public static class ChatSettingsDefaults
{
    public const string TimeZone = "UTC";
    public const Language Language = DerivBot.Core.Localization.Language.En;
}
