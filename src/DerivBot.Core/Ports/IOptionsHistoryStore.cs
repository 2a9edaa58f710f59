using DerivBot.Core.OptionChains;

namespace DerivBot.Core.Ports;

/// <summary>
/// The bot's own history of options positioning per venue and coin (put/call ratios, call share, ATM IV), kept as long as
/// the other market history (90 days) so the put/call ratio can be ranked against it. Points come back oldest first,
/// one per time.
/// </summary>
public interface IOptionsHistoryStore
{
    /// <summary>Stores one point; a point with the same (venue, asset, time) is ignored.</summary>
    Task RecordOptionsAsync(string venue, string asset, OptionsHistoryPoint point, CancellationToken cancellationToken);

    /// <summary>Points at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<OptionsHistoryPoint>> GetOptionsAsync(string venue, string asset, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes points older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneOptionsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
