using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Replay;

/// <summary>
/// One venue's cross-venue view during the shipped scenario, "as of" the injected clock: Binance from the Binance
/// files the replay venue serves, Bybit, OKX, Hyperliquid and Gate from the derived files (<c>venue.*.json.gz</c>,
/// written by <c>tools/scenario</c> in each venue's own units: OKX and Gate contracts, 1000PEPE and kPEPE price units).
/// Stats are the latest 5-minute row at or before now (absent before the scenario starts); history is the rows in the
/// query window on the period's grid, oldest first, in coins; Hyperliquid and Gate publish none (empty), like live.
/// </summary>
public sealed class ReplayVenueOverview : IVenueOverview
{
    /// <summary>The venues the shipped scenario has, in display order.</summary>
    public static readonly IReadOnlyList<string> Venues = [VenueIds.Binance, VenueIds.Bybit, VenueIds.Okx, VenueIds.Hyperliquid, VenueIds.Gate];

    private readonly TimeProvider _time;
    private readonly ReplayOverviewFile _file;

    public ReplayVenueOverview(string venue, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _file = ReplayOverviewData.Get(venue);
    }

    public string Name => _file.Venue;

    public Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = new List<VenueInstrumentStat>();
        foreach (var asset in assets.Select(AssetNames.AssetOf).Distinct(StringComparer.Ordinal))
        {
            if (!_file.Listings.TryGetValue(asset, out var listing))
            {
                continue;
            }
            var n = listing.CountAtOrBefore(now);
            if (n == 0)
            {
                continue;
            }
            var i = n - 1;
            var mark = listing.Mark[i] / listing.CoinsPerPriceUnit;
            var coins = listing.Contracts[i] * listing.CoinsPerContract;
            result.Add(new VenueInstrumentStat(
                Name, listing.Instrument, asset, mark, listing.Rate[i], listing.IntervalHours, null,
                coins, coins * mark, listing.Volume[i], DateTimeOffset.FromUnixTimeMilliseconds(listing.Times[i])));
        }
        return Task.FromResult<IReadOnlyList<VenueInstrumentStat>>(result);
    }

    public Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_file.HasHistory || !_file.Listings.TryGetValue(AssetNames.AssetOf(asset), out var listing))
        {
            return Task.FromResult<IReadOnlyList<OpenInterestPoint>>([]);
        }
        var now = _time.GetUtcNow();
        var end = (query.End is { } e && e < now ? e : now).ToUnixTimeMilliseconds();
        var step = (long)period.ToTimeSpan().TotalMilliseconds;
        var limit = Math.Clamp(query.Limit ?? 200, 1, 500);
        var points = new List<OpenInterestPoint>();
        var hi = listing.CountAtOrBefore(end);
        var lo = query.Start is { } s ? listing.CountAtOrBefore(s.ToUnixTimeMilliseconds() - 1) : 0;
        for (var i = lo; i < hi; i++)
        {
            if (listing.Times[i] % step != 0)
            {
                continue;
            }
            var mark = listing.Mark[i] / listing.CoinsPerPriceUnit;
            var coins = listing.Contracts[i] * listing.CoinsPerContract;
            points.Add(new OpenInterestPoint(DateTimeOffset.FromUnixTimeMilliseconds(listing.Times[i]), coins, coins * mark));
        }
        // Venues' window rules: from the start when given (first rows), otherwise the latest rows.
        IReadOnlyList<OpenInterestPoint> window = points.Count <= limit ? points
            : query.Start is not null ? points.Take(limit).ToList() : points.Skip(points.Count - limit).ToList();
        return Task.FromResult(window);
    }
}
