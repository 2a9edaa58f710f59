using System.Text.Json;
using DerivBot.Testing;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary><c>ask "/venues …" --replay</c>: the cross-venue view over the scenario's five venues, end to end.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AskReplayVenuesTests : IDisposable
{
    private static readonly string[] Venues = ["binance", "bybit", "okx", "hyperliquid", "gate"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Task<AppRun> AskAsync(string text, bool json, string? language = null) => AppRun.AskReplayAsync(_temp, text, json, language);

    [Fact(Timeout = 120_000)]
    public async Task AskVenuesJson_Replay_FiveVenuesInCoinsWithTheAggregate()
    {
        var run = await AskAsync("/venues BTC", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("BTC", json.GetProperty("asset").GetString());
        var rows = json.GetProperty("venues").EnumerateArray().ToList();
        Assert.Equal(Venues.Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("venue").GetString()!).Order(StringComparer.Ordinal));
        var totalCoins = 0m;
        var weighted = 0m;
        var totalUsd = 0m;
        foreach (var row in rows)
        {
            var coins = row.GetProperty("openInterest").GetDecimal();
            var usd = row.GetProperty("openInterestUsd").GetDecimal();
            var mark = row.GetProperty("markPrice").GetDecimal();
            // Every venue in BTC (OKX contracts × 0.01, Gate × 0.0001 converted): a few ten thousand coins each, priced per coin.
            Assert.InRange(coins, 5_000m, 200_000m);
            Assert.InRange(mark, 90_000m, 130_000m);
            var interval = row.GetProperty("fundingIntervalHours").GetInt32();
            var rate = row.GetProperty("fundingRate").GetDecimal();
            Assert.Equal(rate * 8m / interval, row.GetProperty("eightHourRate").GetDecimal());
            Assert.False(row.GetProperty("stale").GetBoolean());
            Assert.EndsWith("Z", row.GetProperty("dataTime").GetString(), StringComparison.Ordinal);
            totalCoins += coins;
            totalUsd += usd;
            weighted += row.GetProperty("eightHourRate").GetDecimal() * usd;
        }
        Assert.Equal(1, rows.Single(r => r.GetProperty("venue").GetString() == "hyperliquid").GetProperty("fundingIntervalHours").GetInt32());
        Assert.Equal("BTC-USDT-SWAP", rows.Single(r => r.GetProperty("venue").GetString() == "okx").GetProperty("symbol").GetString());
        var aggregate = json.GetProperty("aggregate");
        Assert.Equal(totalCoins, aggregate.GetProperty("openInterest").GetDecimal());
        Assert.Equal(weighted / totalUsd, aggregate.GetProperty("oiWeightedEightHourRate").GetDecimal(), 12);
        // The replay clock sits after the cascade: the summed OI of the venues with history fell over 4 h.
        Assert.True(aggregate.GetProperty("change4h").GetDecimal() < 0m, run.ToString());
        Assert.Equal(JsonValueKind.Number, aggregate.GetProperty("change1h").ValueKind);
        Assert.Empty(json.GetProperty("missing").EnumerateArray());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("en", "Total open interest")]
    [InlineData("zh-TW", "總未平倉量")]
    [InlineData("zh-CN", "总未平仓量")]
    public async Task AskCompare_Replay_PlainTextInEveryLanguage(string language, string totalLabel)
    {
        var run = await AskAsync("/compare 1000PEPEUSDT", json: false, language);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(totalLabel, run.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "Binance", "Bybit", "OKX", "Hyperliquid · kPEPE", "Gate · PEPE_USDT" })
        {
            Assert.Contains(name, run.Out, StringComparison.Ordinal);
        }
    }
}
