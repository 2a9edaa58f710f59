using DerivBot.Core.Markets;

namespace DerivBot.Core.Ports;

/// <summary>
/// The symbols the bot currently watches (subscriptions, alerts, the top-N by volume), in the primary venue's naming
/// (<c>BTCUSDT</c>). Per-symbol liquidation streams (Bybit, OKX) read it every refresh to follow what is watched.
/// </summary>
public interface IWatchedSymbols
{
    /// <summary>A snapshot of the watched symbols; cheap enough to call every few seconds.</summary>
    IReadOnlyCollection<Symbol> WatchedSymbols { get; }
}
