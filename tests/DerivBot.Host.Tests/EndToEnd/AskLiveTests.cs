using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DerivBot.Testing;
using DerivBot.Venues.Tests.Fakes;

namespace DerivBot.Host.Tests.EndToEnd;

/// <summary>
/// <c>ask</c> against Binance — the loopback <see cref="FakeBinanceServer"/> answering from the exchange's own JSON —
/// through the real composition: configuration, venue, market store, dispatcher, handlers, reports, JSON printer.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AskLiveTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private FakeBinanceServer _binance = null!;

    public async Task InitializeAsync() => _binance = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _binance.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string?> Live(string? restUrl = null) => new()
    {
        ["Venues:Mode"] = "Live",
        ["Venues:Binance:FuturesRestUrl"] = restUrl ?? _binance.RestUrl,
        ["Venues:Binance:SpotRestUrl"] = restUrl ?? _binance.RestUrl,
        ["Venues:Binance:FuturesStreamUrl"] = _binance.StreamUrl,
    };

    private async Task<AppRun> AskAsync(string text, bool json = true, Dictionary<string, string?>? overrides = null)
    {
        using var cts = TestTimeouts.NetworkToken();
        string[] args = json ? ["ask", text, "--json"] : ["ask", text];
        return await AppRun.RunAsync(args, _temp, overrides ?? Live(), cts.Token);
    }

    /// <summary>The fixture's premiumIndex entry for <paramref name="symbol"/>, the numbers the answer must carry.</summary>
    private static JsonElement PremiumIndexFixture(string symbol)
    {
        using var doc = JsonDocument.Parse(FakeBinanceServer.FixtureText("premiumIndex.json"));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("symbol").GetString() == symbol).Clone();
    }

    private static decimal FixtureDecimal(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AssertCleanFailure(AppRun run)
    {
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.ErrLines.Count == 1, "exactly one line on stderr\n" + run);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("BTC")]
    [InlineData("btc")]
    [InlineData("BTCUSDT")]
    [InlineData("btcusdt")]
    public async Task AskFundingJson_Live_PrintsFixtureRateAnnualizedFromItsInterval(string typed)
    {
        var run = await AskAsync("/funding " + typed);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Err);
        var json = run.Json();
        var fixture = PremiumIndexFixture("BTCUSDT");
        Assert.Equal("BTCUSDT", json.GetProperty("symbol").GetString());
        Assert.Equal("binance", json.GetProperty("venue").GetString());
        var rate = json.GetProperty("fundingRate").GetDecimal();
        Assert.Equal(FixtureDecimal(fixture, "lastFundingRate"), rate); // 0.0001 = 0.01 % as a fraction, not a percent
        // BTCUSDT is not in fundingInfo.json, so Binance's default 8 h interval applies.
        var interval = json.GetProperty("fundingIntervalHours").GetInt32();
        Assert.Equal(8, interval);
        Assert.Equal(rate * 24m / interval * 365m, json.GetProperty("annualizedRate").GetDecimal());
        AssertIsoUtc(json.GetProperty("nextFundingTime").GetString()!, fixture.GetProperty("nextFundingTime").GetInt64());
        // Live means the answer came over the socket from the fake, not from the replay scenario.
        Assert.NotEmpty(_binance.RequestsTo("/fapi/v1/premiumIndex"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AskFundingJson_LowercaseMemeCoin_ResolvesTo1000PepeWithItsFourHourInterval()
    {
        var run = await AskAsync("/funding pepe");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("1000PEPEUSDT", json.GetProperty("symbol").GetString());
        var rate = json.GetProperty("fundingRate").GetDecimal();
        Assert.Equal(FixtureDecimal(PremiumIndexFixture("1000PEPEUSDT"), "lastFundingRate"), rate);
        Assert.Equal(4, json.GetProperty("fundingIntervalHours").GetInt32()); // from fundingInfo.json
        Assert.Equal(rate * 24m / 4m * 365m, json.GetProperty("annualizedRate").GetDecimal());
        Assert.Contains(_binance.RequestsTo("/fapi/v1/premiumIndex"), r => r.QueryString.Contains("symbol=1000PEPEUSDT", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task AskOpenInterestJson_Live_PrintsContractsUsdValueAndChangeKeys()
    {
        var run = await AskAsync("/oi BTC");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("BTCUSDT", json.GetProperty("symbol").GetString());
        Assert.Equal("binance", json.GetProperty("venue").GetString());
        using var oiFixture = JsonDocument.Parse(FakeBinanceServer.FixtureText("openInterest.json"));
        var contracts = FixtureDecimal(oiFixture.RootElement, "openInterest");
        Assert.Equal(contracts, json.GetProperty("openInterest").GetDecimal());
        // Contracts × mark price: the USD figure traders compare across venues.
        var mark = FixtureDecimal(PremiumIndexFixture("BTCUSDT"), "markPrice");
        Assert.Equal(contracts * mark, json.GetProperty("openInterestUsd").GetDecimal());
        foreach (var key in new[] { "change1h", "change4h", "change24h" })
        {
            Assert.True(json.TryGetProperty(key, out var change), $"missing {key}\n{run}");
            Assert.True(change.ValueKind is JsonValueKind.Null or JsonValueKind.Number, $"{key} is {change.ValueKind}");
        }
        Assert.NotEmpty(_binance.RequestsTo("/fapi/v1/openInterest"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AskFundingText_Live_PrintsTheReportWithSourceFooter()
    {
        var run = await AskAsync("/funding BTC", json: false);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("BTCUSDT", run.Out, StringComparison.Ordinal);
        Assert.Contains("+0.0100%", run.Out, StringComparison.Ordinal);
        Assert.Contains("Binance", run.Out, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ask_MisspelledSymbol_OneLineWithCloseMatchesAndNonZeroExit()
    {
        var run = await AskAsync("/funding BTCX");

        AssertCleanFailure(run);
        Assert.Equal("", run.Out);
        Assert.Contains("BTCX", run.Err, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT", run.Err, StringComparison.Ordinal); // the close match the user meant
        // The symbol is rejected against exchangeInfo before any per-symbol request is spent.
        Assert.Empty(_binance.RequestsTo("/fapi/v1/premiumIndex"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Ask_UnknownSymbol_OneLineNoStackTrace()
    {
        var run = await AskAsync("/oi QQQZZZ", json: false);

        AssertCleanFailure(run);
        Assert.Contains("QQQZZZ", run.Err, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Ask_VenueUnreachable_OneClearLineNonZeroExit()
    {
        // A port that was just free: connection refused, as when Binance is down or blocked.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await AskAsync("/funding BTC", overrides: Live($"http://127.0.0.1:{port}"));

        AssertCleanFailure(run);
        Assert.Contains("can't be reached", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ask_RateLimited_OneLineSayingHowLongToWaitAndNoFurtherCalls()
    {
        _binance.Enqueue("/fapi/v1/exchangeInfo", FakeResponse.Error(429, -1003, "Too many requests; current limit is 2400 requests per minute.",
            new Dictionary<string, string> { ["Retry-After"] = "120" }));

        var run = await AskAsync("/funding BTC");

        AssertCleanFailure(run);
        Assert.Contains("rate-limit", run.Err, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("try again in 2m", run.Err, StringComparison.Ordinal); // Retry-After: 120 s
        // Binance bans IPs that keep calling after a 429: one request, then silence.
        Assert.Equal(1, _binance.TotalRestRequests);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("Venues:Binance:FuturesRestUrl", "notaurl")]
    [InlineData("Venues:Binance:FuturesStreamUrl", "wss://fstream.binance.com/ws")]
    [InlineData("Venues:Mode", "Sideways")]
    public async Task Ask_InvalidConfiguration_ConfigurationErrorNamingTheKey(string key, string value)
    {
        var overrides = Live();
        overrides[key] = value;

        var run = await AskAsync("/funding BTC", overrides: overrides);

        AssertCleanFailure(run);
        Assert.StartsWith("configuration error", run.Err, StringComparison.Ordinal);
        Assert.Contains(key, run.Err, StringComparison.Ordinal);
        Assert.Equal(0, _binance.TotalRestRequests); // nothing runs on a bad configuration
    }

    private static void AssertIsoUtc(string text, long expectedUnixMs)
    {
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMs), parsed);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", text);
    }
}
