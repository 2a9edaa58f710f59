using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Venues.Http;
using Microsoft.Extensions.Logging;

namespace DerivBot.Venues.Binance;

/// <summary>
/// <see cref="IVenueOverview"/> for a Binance-fapi-shaped venue (Binance, Aster). Per call:
/// <list type="bullet">
/// <item>bulk, whatever the number of assets: <c>premiumIndex</c> (all marks and predicted funding, weight 10),
/// <c>fundingInfo</c> (adjusted intervals, weight 1, 500 / 5 min shared with fundingRate), <c>ticker/24hr</c> (all
/// quote volumes, weight 40); <c>exchangeInfo</c> (weight 1) only once per <see cref="UniverseTtl"/>;</item>
/// <item>per symbol, only for the asked assets (the venue has no bulk form): <c>openInterest</c> (weight 1).</item>
/// </list>
/// Units: <c>openInterest</c> and <c>sumOpenInterest</c> count the listing's base units (<c>1000PEPE</c>), converted to
/// coins with <see cref="AssetNames"/>; USD = base units × mark price, <c>sumOpenInterestValue</c> is USD already.
/// An endpoint the venue does not have (HTTP 404, e.g. Aster without <c>/futures/data</c>) yields no rows rather than
/// failing the snapshot. The whole call is bounded by <c>Venues:RequestTimeout</c>.
/// </summary>
internal sealed partial class FapiOverview
{
    /// <summary>How long the perpetual universe (which listing stands for which asset) is reused.</summary>
    public static readonly TimeSpan UniverseTtl = TimeSpan.FromHours(1);

    private readonly BinanceMarketDataVenue _venue;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile CachedListings? _listings;
    private int _missingNoted;

    public FapiOverview(BinanceMarketDataVenue venue, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _venue = venue;
        _timeout = timeout;
        _time = time;
        _logger = logger;
    }

    private string Name => _venue.Name;

    /// <summary>The listing chosen for one asset and how many coins one of its base units is (1000 for <c>1000PEPEUSDT</c>).</summary>
    internal sealed record Listing(Symbol Symbol, decimal CoinsPerUnit);

    private sealed record CachedListings(IReadOnlyDictionary<string, Listing> ByAsset, DateTimeOffset At);

    /// <summary>Current figures per asked asset: bulk premiumIndex + fundingInfo + ticker/24hr, then openInterest per asked asset.</summary>
    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            var listings = await ListingsAsync(ct).ConfigureAwait(false);
            var wanted = assets
                .Select(a => a.Trim().ToUpperInvariant())
                .Distinct(StringComparer.Ordinal)
                .Where(listings.ContainsKey)
                .Select(a => (Asset: a, Listing: listings[a]))
                .ToList();
            if (wanted.Count == 0)
            {
                return (IReadOnlyList<VenueInstrumentStat>)[];
            }

            var premiums = (await _venue.GetPremiumIndexAsync(ct).ConfigureAwait(false))
                .GroupBy(p => p.Symbol).ToDictionary(g => g.Key, g => g.First());
            var intervals = (await Optional(() => _venue.GetFundingInfoAsync(ct)).ConfigureAwait(false) ?? [])
                .GroupBy(i => i.Symbol).ToDictionary(g => g.Key, g => g.First().IntervalHours);
            var tickers = (await Optional(() => _venue.GetFuturesTickersAsync(ct)).ConfigureAwait(false) ?? [])
                .GroupBy(t => t.Symbol).ToDictionary(g => g.Key, g => g.First());

            var priced = wanted.Where(w => premiums.ContainsKey(w.Listing.Symbol)).ToList();
            // One weight-1 call per asked asset, concurrently: the number of assets asked, never the universe.
            var openInterest = await Task.WhenAll(priced.Select(w =>
                Optional(async () => (OpenInterestPoint?)await _venue.GetOpenInterestContractsAsync(w.Listing.Symbol, ct).ConfigureAwait(false))))
                .ConfigureAwait(false);

            var stats = new List<VenueInstrumentStat>(priced.Count);
            for (var i = 0; i < priced.Count; i++)
            {
                var (asset, listing) = priced[i];
                if (openInterest[i] is not { } oi)
                {
                    continue; // the venue has no open-interest endpoint: a row without OI would distort every share
                }
                var premium = premiums[listing.Symbol];
                stats.Add(new VenueInstrumentStat(
                    Name,
                    listing.Symbol.Value,
                    asset,
                    premium.MarkPrice / listing.CoinsPerUnit,
                    premium.FundingRate,
                    intervals.TryGetValue(listing.Symbol, out var hours) ? hours : 8,
                    premium.NextFundingTime > DateTimeOffset.UnixEpoch ? premium.NextFundingTime : null,
                    oi.Contracts * listing.CoinsPerUnit,
                    oi.Contracts * premium.MarkPrice,
                    tickers.TryGetValue(listing.Symbol, out var ticker) ? ticker.QuoteVolume : null,
                    premium.Time));
            }
            return (IReadOnlyList<VenueInstrumentStat>)stats;
        }, cancellationToken);
    }

    /// <summary><c>openInterestHist</c> of the asset's listing: coins = <c>sumOpenInterest</c> × multiplier, USD = <c>sumOpenInterestValue</c>.</summary>
    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        return VenueDeadline.RunAsync(Name, _timeout, _time, async ct =>
        {
            var listings = await ListingsAsync(ct).ConfigureAwait(false);
            if (!listings.TryGetValue(asset.Trim().ToUpperInvariant(), out var listing))
            {
                return (IReadOnlyList<OpenInterestPoint>)[];
            }
            var points = await Optional(() => _venue.GetOpenInterestHistoryAsync(listing.Symbol, period, query, ct)).ConfigureAwait(false) ?? [];
            return (IReadOnlyList<OpenInterestPoint>)points
                .Select(p => p with { Contracts = p.Contracts * listing.CoinsPerUnit })
                .OrderBy(p => p.Time)
                .ToList();
        }, cancellationToken);
    }
}
