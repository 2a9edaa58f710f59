using System.Globalization;
using System.Text.Json;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// <c>ask "/funding BTC"</c> through the whole host when Binance refuses the region (HTTP 451, as from the US) and Aster —
/// a second Binance-shaped loopback fake — is next in <c>Venues:Primary</c>: the answer comes from Aster, Binance is asked
/// once and never again, and the log carries exactly one plain line about the 451.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AskPrimaryFailoverTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private FakeBinanceServer _binance = null!;
    private FakeBinanceServer _aster = null!;

    public async Task InitializeAsync()
    {
        _binance = await FakeBinanceServer.StartAsync();
        _aster = await FakeBinanceServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _binance.DisposeAsync();
        await _aster.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string?> Config() => new()
    {
        ["Venues:Mode"] = "Live",
        ["Venues:Enabled:0"] = "Binance",
        ["Venues:Enabled:1"] = "Aster",
        ["Venues:Primary:0"] = "Binance",
        ["Venues:Primary:1"] = "Aster",
        ["Venues:Binance:FuturesRestUrl"] = _binance.RestUrl,
        ["Venues:Binance:SpotRestUrl"] = _binance.RestUrl,
        ["Venues:Binance:FuturesStreamUrl"] = _binance.StreamUrl,
        ["Venues:Aster:RestUrl"] = _aster.RestUrl,
        // ask silences logs; the primary selector's notice is what this test reads.
        ["Logging:LogLevel:DerivBot.Venues.PrimaryVenueSelector"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
    };

    private void BlockBinance()
    {
        var refusal = new FakeResponse(451, """{"code":0,"msg":"Service unavailable from a restricted location according to 'b. Eligibility'"}""");
        foreach (var path in new[] { "/fapi/v1/exchangeInfo", "/fapi/v1/premiumIndex", "/fapi/v1/fundingInfo", "/fapi/v1/fundingRate", "/fapi/v1/ticker/24hr", "/api/v3/ticker/24hr" })
        {
            _binance.Enqueue(path, Enumerable.Repeat(refusal, 10).ToArray());
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task AskFunding_Binance451_AnsweredFromAsterWithOneLogLine()
    {
        BlockBinance();
        using var cts = TestTimeouts.NetworkToken();
        var console = new StringWriter();
        var original = Console.Out;
        AppRun run;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            run = await AppRun.RunAsync(["ask", "/funding BTC", "--json"], _temp, Config(), cts.Token);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("aster", json.GetProperty("venue").GetString());
        Assert.Equal("BTCUSDT", json.GetProperty("symbol").GetString());
        using var fixture = JsonDocument.Parse(FakeBinanceServer.FixtureText("premiumIndex.json"));
        var btc = fixture.RootElement.EnumerateArray().Single(e => e.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal(decimal.Parse(btc.GetProperty("lastFundingRate").GetString()!, CultureInfo.InvariantCulture), json.GetProperty("fundingRate").GetDecimal());
        Assert.Equal(1, _binance.TotalRestRequests); // refused once, never asked again
        Assert.NotEmpty(_aster.RequestsTo("/fapi/v1/premiumIndex"));
        Assert.Empty(_aster.RequestsTo("/api/v3/ticker/24hr")); // Aster has no spot tickers; none are asked for
        var notices = console.ToString().Split('\n').Where(l => l.Contains("refuses this region", StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(notices);
        Assert.Contains("Binance refuses this region (HTTP 451); using Aster", notice, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task AskFundingText_Binance451_FooterNamesAster()
    {
        BlockBinance();
        using var cts = TestTimeouts.NetworkToken();

        var run = await AppRun.RunAsync(["ask", "/funding BTC"], _temp, Config(), cts.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Aster", run.Out, StringComparison.Ordinal);
        // Binance appears only where the reply names the venues that are missing, with the reason.
        var binanceLines = run.Out.Split('\n').Where(l => l.Contains("Binance", StringComparison.Ordinal)).ToList();
        Assert.All(binanceLines, l => Assert.Contains("missing: Binance (refuses this region", l, StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("Venues:Primary:1", "Hyperliquid", "Venues:Primary")]
    [InlineData("Venues:Aster:RestUrl", "notaurl", "Venues:Aster:RestUrl")]
    [InlineData("Venues:Enabled:1", "Kraken", "Venues:Enabled")]
    public async Task Ask_InvalidVenueConfiguration_ConfigurationErrorNamingTheKey(string key, string value, string named)
    {
        using var cts = TestTimeouts.NetworkToken();
        var config = Config();
        config[key] = value;

        var run = await AppRun.RunAsync(["ask", "/funding BTC"], _temp, config, cts.Token);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("configuration error", run.Err, StringComparison.Ordinal);
        Assert.Contains(named, run.Err, StringComparison.Ordinal);
        Assert.Equal(0, _binance.TotalRestRequests);
    }
}
