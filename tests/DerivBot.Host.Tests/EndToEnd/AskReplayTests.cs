using System.Text.Json;
using DerivBot.Testing;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// <c>ask … --replay</c>: the shipped scenario played through the same parsers, store, signals and reports, with no
/// network at all. The replay clock for a one-shot ask sits just after the scenario's cascade.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AskReplayTests : IDisposable
{
    private static readonly string[] Quadrants = ["Neutral", "LongCrowding", "ShortCrowding", "Churn", "Deleveraging"];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string ImageFolder => _temp.File("out");

    private Task<AppRun> AskAsync(string text, bool json, string? language = null) => AppRun.AskReplayAsync(_temp, text, json, language);

    [Fact(Timeout = 120_000)]
    public async Task AskFundingJson_Replay_RateIntervalAndAnnualizedAgree()
    {
        var run = await AskAsync("/funding BTC", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("BTCUSDT", json.GetProperty("symbol").GetString());
        Assert.StartsWith("replay", json.GetProperty("venue").GetString(), StringComparison.Ordinal);
        var rate = json.GetProperty("fundingRate").GetDecimal();
        var interval = json.GetProperty("fundingIntervalHours").GetInt32();
        Assert.InRange(interval, 1, 8);
        // A fraction per interval (0.0001 = 0.01 %): real BTC funding is well under 1 % per interval.
        Assert.InRange(rate, -0.01m, 0.01m);
        Assert.Equal(rate * 24m / interval * 365m, json.GetProperty("annualizedRate").GetDecimal());
        Assert.EndsWith("Z", json.GetProperty("nextFundingTime").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task AskOpenInterestJson_Replay_HasChangesOverEveryWindow()
    {
        var run = await AskAsync("/oi ETH", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("ETHUSDT", json.GetProperty("symbol").GetString());
        Assert.True(json.GetProperty("openInterest").GetDecimal() > 0);
        Assert.True(json.GetProperty("openInterestUsd").GetDecimal() > json.GetProperty("openInterest").GetDecimal());
        // The scenario holds more than a day of history, so every change is known (not null).
        foreach (var key in new[] { "change1h", "change4h", "change24h" })
        {
            Assert.Equal(JsonValueKind.Number, json.GetProperty(key).ValueKind);
        }
    }

    [Theory(Timeout = 120_000)]
    [InlineData("en")]
    [InlineData("zh-TW")]
    [InlineData("zh-CN")]
    public async Task AskQuadrantJson_Replay_NamesTheQuadrantWithItsInputsInEveryLanguage(string language)
    {
        var run = await AskAsync("/quadrant BTC", json: true, language);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("BTCUSDT", json.GetProperty("symbol").GetString());
        Assert.Contains(json.GetProperty("quadrant").GetString(), Quadrants);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("fundingRate").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("oiChange").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("window").GetString()));
        // The reason is a stable code, the same whatever language the chat reads.
        Assert.StartsWith("quadrant.", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task AskQuadrantJson_ReplayAfterTheCascade_IsDeleveraging()
    {
        // The scenario's flush: open interest collapsed within hours and funding came back down.
        var run = await AskAsync("/quadrant BTC", json: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("Deleveraging", json.GetProperty("quadrant").GetString());
        Assert.True(json.GetProperty("oiChange").GetDecimal() < 0);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("en", "Liquidations")]
    [InlineData("zh-TW", "爆倉")]
    [InlineData("zh-CN", "爆仓")]
    public async Task AskLiq_Replay_SummarizesLiquidationsAndWritesTheHeatmap(string language, string liquidationsWord)
    {
        var run = await AskAsync("/liq BTC", json: false, language);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Err);
        Assert.Contains("BTCUSDT", run.Out, StringComparison.Ordinal);
        Assert.Contains(liquidationsWord, run.Out, StringComparison.Ordinal);
        if (language != "en")
        {
            Assert.True(AppRun.HasHan(run.Out), run.ToString());
        }

        // The image goes where Demo:OutputDirectory says, and stdout names it.
        var png = Assert.Single(Directory.GetFiles(ImageFolder, "*.png"));
        Assert.Contains("[image: " + png + "]", run.Out, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 1000, $"heatmap is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact(Timeout = 120_000)]
    public async Task AskLiq_Replay_ByVenueListsBinanceBybitAndOkx()
    {
        var run = await AskAsync("/liq BTC", json: false);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "By venue");
        Assert.True(start >= 0, run.ToString());
        var section = lines.Skip(start + 1).SkipWhile(string.IsNullOrWhiteSpace).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.Contains(section, l => l.Contains("binance:", StringComparison.OrdinalIgnoreCase) && l.Contains("events", StringComparison.Ordinal));
        Assert.Contains(section, l => l.StartsWith("Bybit:", StringComparison.Ordinal));
        Assert.Contains(section, l => l.StartsWith("OKX:", StringComparison.Ordinal));
        Assert.Contains(section, l => l.StartsWith("All venues:", StringComparison.Ordinal));
        // The replayed Binance stream keeps Binance's coverage (one per symbol per second), not "every event".
        Assert.DoesNotContain("Replay:binance every event", run.Out, StringComparison.Ordinal);
    }
}
