using System.Globalization;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Venues.Replay;

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
