using DerivBot.Application.Subscriptions;
using DerivBot.Core.Markets;
using DerivBot.Core.OptionChains;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.OptionChains;

/// <summary>
/// Keeps the options history growing for the coins chats watch: each refresh cycle reads the chain of every watched
/// symbol's coin that the options venue lists (one venue call per currency per minute at most), which records a history
/// point when one is due. Registered as an <see cref="IMarketRefresher"/>, so the refresh job drives it.
/// </summary>
internal sealed class OptionsRefresher(OptionsMarket market, ILogger<OptionsRefresher> logger) : IMarketRefresher
{
    private readonly Lock _gate = new();
    private IReadOnlyCollection<string> _assets = [];

    public string VenueName => market.VenueName ?? "options";

    public void Watch(IReadOnlyCollection<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var assets = symbols.Select(s => OptionsMarket.AssetOf(s.Value)).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _assets = assets;
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!market.IsAvailable)
        {
            return;
        }
        IReadOnlyCollection<string> watched;
        lock (_gate)
        {
            watched = _assets;
        }
        if (watched.Count == 0)
        {
            return;
        }
        var listed = await market.AssetsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var asset in watched.Where(a => listed.Contains(a, StringComparer.Ordinal)))
        {
            await market.GetAsync(asset, OptionsMarketContext.None, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Options of {Asset} refreshed", asset);
        }
    }
}
