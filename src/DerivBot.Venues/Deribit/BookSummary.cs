using DerivBot.Core.OptionChains;

namespace DerivBot.Venues.Deribit;

/// <summary>A parsed <c>get_book_summary_by_currency</c> response.</summary>
/// <param name="IndexByAsset">Each asset's <c>estimated_delivery_price</c> (USD).</param>
internal sealed record BookSummary(IReadOnlyList<OptionSummary> Options, DateTimeOffset Time, IReadOnlyDictionary<string, decimal> IndexByAsset)
{
    /// <summary>The chain of one asset from this response.</summary>
    public OptionChain ChainOf(string asset, string venue) =>
        new(asset, venue, Time, IndexByAsset.TryGetValue(asset, out var index) ? index : null,
            Options.Where(o => string.Equals(o.Asset, asset, StringComparison.Ordinal)).ToList());
}
