using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;

namespace DerivBot.Venues.Okx;

// IVenueOverview: the cross-venue stats and OI history by canonical asset, on the same bulk calls.
public sealed partial class OkxVenue
{
    /// <summary>
    /// Three bulk calls whatever the number of assets (SWAP tickers, SWAP open interest, SWAP mark prices; plus the
    /// instrument list when older than <see cref="OkxOptions.InstrumentsMaxAge"/>) and one <c>funding-rate</c> call per
    /// asked asset that OKX lists (cached for <see cref="OkxOptions.FundingMaxAge"/>).
    /// </summary>
    public async Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var wanted = assets.Where(a => !string.IsNullOrWhiteSpace(a)).Select(AssetNames.AssetOf).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var listings = instruments.Values
            .Where(i => i.IsLiveUsdtSwap && wanted.Contains(AssetNames.AssetOf(i.InstId)))
            .ToList();
        if (listings.Count == 0)
        {
            return [];
        }
        var tickers = (await TickersAsync("SWAP", cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.InstId, StringComparer.Ordinal);
        var body = await GetAsync(Paths.OpenInterest, new VenueQuery().Add("instType", "SWAP"), cancellationToken).ConfigureAwait(false);
        var interest = OkxParsers.ParseOpenInterest(body).ToDictionary(o => o.InstId, StringComparer.Ordinal);
        var marks = await MarkPricesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var l in listings)
        {
            Watch(l.InstId);
        }
        var funding = await FundingAsync(listings.Select(l => l.InstId).ToList(), cancellationToken).ConfigureAwait(false);

        var result = new List<VenueInstrumentStat>();
        foreach (var l in listings)
        {
            if (!interest.TryGetValue(l.InstId, out var oi) || !marks.TryGetValue(l.InstId, out var mark))
            {
                continue;
            }
            var asset = AssetNames.Parse(l.InstId);
            // OKX quotes the price of ONE coin of ctValCcy; a multiplier name (none on OKX today) would quote its unit.
            var markPerCoin = mark.Mark / asset.CoinsPerUnit;
            var coins = Coins(oi, instruments);
            funding.TryGetValue(l.InstId, out var f);
            decimal? volumeUsd = tickers.TryGetValue(l.InstId, out var t) && t.VolCcy24h is { } volCoins
                ? volCoins * t.Last // volCcy24h is in coins of ctValCcy, last is the price of one
                : null;
            result.Add(new VenueInstrumentStat(Name, l.InstId, asset.Asset, markPerCoin, f?.FundingRate, f?.IntervalHours ?? 8,
                f?.FundingTime, coins, oi.OiUsd ?? coins * markPerCoin, volumeUsd, oi.Time));
        }
        return result.OrderBy(s => s.Asset, StringComparer.Ordinal).ToList();
    }

    /// <summary>Rubik OI history of the asset's USDT swap, in coins; empty when OKX does not list the asset.</summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var canonical = AssetNames.AssetOf(asset);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var listing = instruments.Values
            .Where(i => i.IsLiveUsdtSwap && AssetNames.AssetOf(i.InstId) == canonical)
            .OrderBy(i => i.InstId, StringComparer.Ordinal)
            .FirstOrDefault();
        return listing is null ? [] : await GetOpenInterestHistoryAsync(new Symbol(listing.InstId), period, query, cancellationToken).ConfigureAwait(false);
    }
}
