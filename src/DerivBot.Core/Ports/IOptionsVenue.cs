using DerivBot.Core.OptionChains;

namespace DerivBot.Core.Ports;

/// <summary>
/// A venue's listed options (Deribit; the replay venue in <c>demo</c>/<c>ask --replay</c>). Failures surface as
/// <see cref="VenueException"/> naming the venue; cancellation by the caller as <see cref="OperationCanceledException"/>.
/// Implementations keep to the venue's limits themselves: at most one request per settlement currency per
/// <see cref="MinRefreshInterval"/>; calls in between answer from the last response.
/// </summary>
public interface IOptionsVenue
{
    /// <summary>Venue id: <c>deribit</c> (<see cref="VenueIds.Deribit"/>) or <c>replay:deribit</c>.</summary>
    string Name { get; }

    /// <summary>Shortest time between two requests for the same currency (one minute for Deribit).</summary>
    TimeSpan MinRefreshInterval { get; }

    /// <summary>Canonical coins the venue lists options on (<c>BTC</c>, <c>ETH</c>, and the coins of its linear USDC options).</summary>
    Task<IReadOnlyList<string>> GetOptionAssetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The option chain of <paramref name="asset"/> (canonical coin, e.g. <c>BTC</c>): every option the venue lists on it,
    /// open interest in coins. An asset the venue does not list yields <see cref="VenueErrorKind.InvalidSymbol"/>.
    /// </summary>
    Task<OptionChain> GetChainAsync(string asset, CancellationToken cancellationToken);
}
