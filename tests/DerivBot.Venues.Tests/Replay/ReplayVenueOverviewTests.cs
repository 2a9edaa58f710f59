using System.IO.Compression;
using System.Text.Json;
using DerivBot.Core.Markets;
using DerivBot.Testing;
using DerivBot.Venues.Replay;

namespace DerivBot.Venues.Tests.Replay;

public sealed class ReplayVenueOverviewTests
{
    private static readonly DateTimeOffset InCascade = new(2025, 10, 10, 21, 10, 0, TimeSpan.Zero);

    private static ReplayVenueOverview At(string venue, DateTimeOffset now) => new(venue, new ManualTimeProvider(now));

    /// <summary>The raw row of the shipped file for (venue, asset) at an instant, in the venue's own units.</summary>
    private static (JsonElement Listing, JsonElement Row) Raw(string venue, string asset, DateTimeOffset at)
    {
        var assembly = typeof(ReplayVenueOverview).Assembly;
        using var stream = assembly.GetManifestResourceStream($"DerivBot.Venues.Replay.Data.venue.{venue}.json.gz")!;
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        var doc = JsonDocument.Parse(gz);
        var listing = doc.RootElement.GetProperty("listings").EnumerateArray().Single(l => l.GetProperty("asset").GetString() == asset);
        var row = listing.GetProperty("rows").EnumerateArray().Last(r => r[0].GetInt64() <= at.ToUnixTimeSeconds());
        return (listing.Clone(), row.Clone());
    }

    private static decimal D(JsonElement e) => decimal.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetStatsAsync_OkxAndGateContracts_ConvertedToCoins()
    {
        foreach (var (venue, instrument, perContract) in new[] { ("okx", "BTC-USDT-SWAP", 0.01m), ("gate", "BTC_USDT", 0.0001m) })
        {
            var (_, row) = Raw(venue, "BTC", InCascade);

            var stat = Assert.Single(await At(venue, InCascade).GetStatsAsync(["BTC"], CancellationToken.None));

            Assert.Equal(instrument, stat.Instrument);
            Assert.Equal(D(row[3]) * perContract, stat.OpenInterestCoins);
            Assert.InRange(stat.OpenInterestCoins, 5_000m, 100_000m); // BTC, not contracts
            Assert.Equal(stat.OpenInterestCoins * stat.MarkPrice, stat.OpenInterestUsd);
        }
    }

    [Fact]
    public async Task GetStatsAsync_HyperliquidKPepe_HourlyFundingAndPricePerCoin()
    {
        var (listing, row) = Raw("hyperliquid", "PEPE", InCascade);

        var stat = Assert.Single(await At("hyperliquid", InCascade).GetStatsAsync(["1000PEPEUSDT"], CancellationToken.None));

        Assert.Equal("kPEPE", stat.Instrument);
        Assert.Equal("PEPE", stat.Asset);
        Assert.Equal(1, stat.FundingIntervalHours);
        Assert.Equal("1000", listing.GetProperty("coinsPerContract").GetString());
        Assert.Equal(D(row[1]) / 1000m, stat.MarkPrice);
        Assert.Equal(D(row[3]) * 1000m, stat.OpenInterestCoins);
        var binance = Assert.Single(await At("binance", InCascade).GetStatsAsync(["PEPE"], CancellationToken.None));
        Assert.InRange(stat.MarkPrice / binance.MarkPrice, 0.99m, 1.01m); // same coin unit on both venues
    }

    [Fact]
    public async Task AsOf_BeforeTheScenarioAndHistoryUpToNow_NothingFromTheFuture()
    {
        var before = await At("bybit", new DateTimeOffset(2025, 10, 4, 0, 0, 0, TimeSpan.Zero)).GetStatsAsync(["BTC"], CancellationToken.None);
        var venue = At("bybit", InCascade);
        var history = await venue.GetOpenInterestHistoryAsync("BTC", DataPeriod.M15, new HistoryQuery(InCascade.AddHours(-26), null, 105), CancellationToken.None);
        var hyperliquid = await At("hyperliquid", InCascade).GetOpenInterestHistoryAsync("BTC", DataPeriod.M15, new HistoryQuery(), CancellationToken.None);

        Assert.Empty(before);
        Assert.Equal(104, history.Count); // 19:15 the day before … 21:00 on the 15-minute grid (21:10 is not on it)
        Assert.All(history, p => Assert.True(p.Time <= InCascade && p.Time.Minute % 15 == 0));
        Assert.True(history.Zip(history.Skip(1)).All(x => x.Second.Time > x.First.Time), "oldest first");
        Assert.Empty(hyperliquid); // publishes no OI history, like the live venue
    }
}
