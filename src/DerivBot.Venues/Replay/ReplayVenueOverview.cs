using System.Globalization;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Options;

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

/// <summary>One venue's listings in the scenario.</summary>
internal sealed record ReplayOverviewFile(string Venue, bool HasHistory, IReadOnlyDictionary<string, ReplayOverviewListing> Listings);

/// <summary>One listing's 5-minute rows in the venue's own units.</summary>
internal sealed class ReplayOverviewListing
{
    public required string Instrument { get; init; }
    public required int IntervalHours { get; init; }
    public required decimal CoinsPerContract { get; init; }
    public required decimal CoinsPerPriceUnit { get; init; }
    public required long[] Times { get; init; }
    public required decimal[] Mark { get; init; }
    public required decimal[] Rate { get; init; }
    public required decimal[] Contracts { get; init; }
    public required decimal[] Volume { get; init; }

    public int CountAtOrBefore(long ms)
    {
        var i = Array.BinarySearch(Times, ms);
        return i < 0 ? ~i : i + 1;
    }
}

/// <summary>The scenario's venue files, parsed once per process.</summary>
internal static class ReplayOverviewData
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReplayOverviewFile>> Shipped = new(Load);

    /// <summary>Parses the files now (before an accelerated clock starts, like <see cref="ReplayData.Default"/>).</summary>
    public static void Preload() => _ = Shipped.Value;

    public static ReplayOverviewFile Get(string venue) =>
        Shipped.Value.TryGetValue(venue, out var file) ? file
        : throw new ArgumentException($"The replay scenario has no venue '{venue}' (it has {string.Join(", ", Shipped.Value.Keys)}).", nameof(venue));

    private static Dictionary<string, ReplayOverviewFile> Load()
    {
        var files = new Dictionary<string, ReplayOverviewFile>(StringComparer.Ordinal) { [VenueIds.Binance] = FromBinance(ReplayData.Default) };
        foreach (var venue in ReplayVenueOverview.Venues.Where(v => v != VenueIds.Binance))
        {
            files[venue] = Parse(ReplayResources.ReadBytes($"venue.{venue}.json.gz"));
        }
        return files;
    }

    private static ReplayOverviewFile Parse(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var listings = new Dictionary<string, ReplayOverviewListing>(StringComparer.Ordinal);
        foreach (var l in root.GetProperty("listings").EnumerateArray())
        {
            var rows = l.GetProperty("rows");
            var count = rows.GetArrayLength();
            var listing = new ReplayOverviewListing
            {
                Instrument = l.GetProperty("instrument").GetString()!,
                IntervalHours = l.GetProperty("fundingIntervalHours").GetInt32(),
                CoinsPerContract = Dec(l.GetProperty("coinsPerContract")),
                CoinsPerPriceUnit = Dec(l.GetProperty("coinsPerPriceUnit")),
                Times = new long[count],
                Mark = new decimal[count],
                Rate = new decimal[count],
                Contracts = new decimal[count],
                Volume = new decimal[count],
            };
            var i = 0;
            foreach (var row in rows.EnumerateArray())
            {
                listing.Times[i] = row[0].GetInt64() * 1000;
                listing.Mark[i] = Dec(row[1]);
                listing.Rate[i] = Dec(row[2]);
                listing.Contracts[i] = Dec(row[3]);
                listing.Volume[i] = Dec(row[4]);
                i++;
            }
            listings[l.GetProperty("asset").GetString()!] = listing;
        }
        return new ReplayOverviewFile(root.GetProperty("venue").GetString()!, root.GetProperty("hasHistory").GetBoolean(), listings);
    }

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Binance's rows from the files the replay venue serves: OI history (5 min), premium index, completed candles.</summary>
    private static ReplayOverviewFile FromBinance(ReplayData data)
    {
        var listings = new Dictionary<string, ReplayOverviewListing>(StringComparer.Ordinal);
        var intervals = data.FundingInfo.ToDictionary(f => f.Symbol, f => f.IntervalHours);
        foreach (var (symbol, s) in data.Symbols)
        {
            var (asset, multiplier) = AssetNames.SplitMultiplier(s.Contract.BaseAsset);
            var oi = s.OpenInterest.Rows;
            var count = oi.Length;
            var listing = new ReplayOverviewListing
            {
                Instrument = symbol.Value,
                IntervalHours = intervals.TryGetValue(symbol, out var h) ? h : 8,
                CoinsPerContract = multiplier,
                CoinsPerPriceUnit = multiplier,
                Times = new long[count],
                Mark = new decimal[count],
                Rate = new decimal[count],
                Contracts = new decimal[count],
                Volume = new decimal[count],
            };
            // 24 h quote volume of the candles completed by each instant, from running sums.
            var klines = s.Klines.Rows;
            var cumulative = new decimal[klines.Length + 1];
            for (var k = 0; k < klines.Length; k++)
            {
                cumulative[k + 1] = cumulative[k] + klines[k].QuoteVolume;
            }
            for (var i = 0; i < count; i++)
            {
                var ms = s.OpenInterest.Times[i];
                listing.Times[i] = ms;
                listing.Contracts[i] = oi[i].Contracts;
                var premium = s.Premium.TryLatest(ms, out var p) ? p : default;
                listing.Mark[i] = premium.MarkPrice != 0m ? premium.MarkPrice : oi[i].Contracts > 0m ? oi[i].ValueUsd / oi[i].Contracts : 0m;
                listing.Rate[i] = premium.FundingRate;
                var completed = s.Klines.CountAtOrBefore(ms - (long)TimeSpan.FromMinutes(5).TotalMilliseconds);
                var dayAgo = s.Klines.CountAtOrBefore(ms - (long)TimeSpan.FromHours(24).TotalMilliseconds - (long)TimeSpan.FromMinutes(5).TotalMilliseconds);
                listing.Volume[i] = cumulative[completed] - cumulative[dayAgo];
            }
            listings[asset] = listing;
        }
        return new ReplayOverviewFile(VenueIds.Binance, true, listings);
    }
}
