using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Bybit;

// IVenueOverview: the cross-venue stats (one tickers call) and OI history by canonical asset.
public sealed partial class BybitVenue
{
    /// <summary>ONE tickers call whatever the number of assets (plus instruments-info when its cache is older than
    /// <see cref="BybitOptions.InstrumentsMaxAge"/>). OI and mark are converted to coins of the canonical asset.</summary>
    public async Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var wanted = assets.Where(a => !string.IsNullOrWhiteSpace(a)).Select(AssetNames.AssetOf).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var (tickers, time) = await TickersAsync(Category, null, cancellationToken).ConfigureAwait(false);
        var at = time ?? _time.GetUtcNow();
        var best = new Dictionary<string, VenueInstrumentStat>(StringComparer.Ordinal);
        foreach (var t in tickers)
        {
            if (!instruments.TryGetValue(t.Symbol, out var instrument) || !instrument.IsTradingUsdtPerpetual
                || t.MarkPrice is not > 0 || t.OpenInterest is not { } oi)
            {
                continue;
            }
            var asset = AssetNames.Parse(t.Symbol.Value);
            if (!wanted.Contains(asset.Asset))
            {
                continue;
            }
            var markPerCoin = t.MarkPrice.Value / asset.CoinsPerUnit;
            var coins = oi * asset.CoinsPerUnit;
            var stat = new VenueInstrumentStat(Name, t.Symbol.Value, asset.Asset, markPerCoin, t.FundingRate,
                instrument.FundingIntervalHours, t.NextFundingTime, coins, t.OpenInterestValue ?? coins * markPerCoin, t.Turnover24h, at);
            // At most one row per asset: the listing holding the most open interest.
            if (!best.TryGetValue(asset.Asset, out var held) || stat.OpenInterestUsd > held.OpenInterestUsd)
            {
                best[asset.Asset] = stat;
            }
        }
        return best.Values.OrderBy(s => s.Asset, StringComparer.Ordinal).ToList();
    }

    /// <summary>The asset's USDT perpetual OI history with <see cref="OpenInterestPoint.Contracts"/> in coins.</summary>
    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var canonical = AssetNames.AssetOf(asset);
        var instruments = await InstrumentsAsync(_options.InstrumentsMaxAge, cancellationToken).ConfigureAwait(false);
        var listing = instruments.Values
            .Where(i => i.IsTradingUsdtPerpetual)
            .Select(i => (Instrument: i, Ref: AssetNames.Parse(i.Symbol.Value)))
            .Where(x => x.Ref.Asset == canonical)
            .OrderBy(x => x.Ref.CoinsPerUnit)
            .ThenBy(x => x.Instrument.Symbol.Value, StringComparer.Ordinal)
            .FirstOrDefault();
        if (listing.Instrument is null)
        {
            return [];
        }
        var points = await GetOpenInterestHistoryAsync(listing.Instrument.Symbol, period, query, cancellationToken).ConfigureAwait(false);
        return points.Select(p => p with { Contracts = p.Contracts * listing.Ref.CoinsPerUnit }).ToList();
    }
}
