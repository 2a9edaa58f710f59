using DerivBot.Core.Markets;

namespace DerivBot.Venues.Binance;

// Which perpetual listing stands for each asset (from exchangeInfo, cached for UniverseTtl).
internal sealed partial class FapiOverview
{
    /// <summary>Asset → listing from exchangeInfo (TRADING USDT/USDC perpetuals), refreshed every <see cref="UniverseTtl"/>.</summary>
    internal async Task<IReadOnlyDictionary<string, Listing>> ListingsAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_listings is { } cached && now - cached.At < UniverseTtl)
        {
            return cached.ByAsset;
        }
        // Two callers racing on an expired cache both fetch exchangeInfo (weight 1 each): cheaper than a lock to dispose.
        var contracts = await _venue.GetPerpetualsAsync(ct).ConfigureAwait(false);
        var fresh = new CachedListings(SelectListings(contracts), now);
        _listings = fresh;
        return fresh.ByAsset;
    }

    /// <summary>One listing per asset: USDT-margined before USDC, then the plain listing before a multiplier one.</summary>
    internal static IReadOnlyDictionary<string, Listing> SelectListings(IEnumerable<PerpetualContract> contracts) =>
        contracts
            .Select(c => (Contract: c, Ref: AssetNames.Parse(c.Symbol.Value)))
            .GroupBy(x => x.Ref.Asset, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(x => x.Contract.QuoteAsset == "USDT" ? 0 : 1)
                    .ThenBy(x => x.Ref.CoinsPerUnit)
                    .ThenBy(x => x.Contract.Symbol.Value, StringComparer.Ordinal)
                    .Select(x => new Listing(x.Contract.Symbol, x.Ref.CoinsPerUnit))
                    .First(),
                StringComparer.Ordinal);
}
