using System.Text.Json;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Tests.Venues;

public sealed class VenuesCommandTests
{
    public static TheoryData<Language> Languages => new() { Language.En, Language.ZhTw, Language.ZhCn };

    private static (Application.Venues.VenueAggregator Aggregator, IReadOnlyList<FakeVenueOverview> Venues) FiveVenues()
    {
        var clock = new ManualTimeProvider(TestData.Now);
        var venues = VenueFixtures.FiveVenues(clock);
        return (VenueTestKit.Aggregator(venues, clock), venues);
    }

    [Fact]
    public async Task Venues_Json_ExactFieldNamesFromTheIssue()
    {
        var (aggregator, venues) = FiveVenues();
        venues[2].FailWith(VenueErrorKind.Timeout);

        var reply = await VenueTestKit.AskAsync(aggregator, "BTC", Language.En);
        using var doc = JsonDocument.Parse(ReportJson.Serialize(reply.Data));
        var root = doc.RootElement;

        static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["asset", "venues", "aggregate", "missing"], Names(root));
        Assert.Equal("BTC", root.GetProperty("asset").GetString());
        Assert.Equal(4, root.GetProperty("venues").GetArrayLength());
        var row = root.GetProperty("venues")[0];
        Assert.Equal(
            ["venue", "symbol", "fundingRate", "fundingIntervalHours", "eightHourRate", "annualizedRate", "openInterest", "openInterestUsd",
             "oiShare", "volume24hUsd", "oiToVolume", "markPrice", "dataTime", "stale"],
            Names(row));
        Assert.Equal("binance", row.GetProperty("venue").GetString());
        Assert.Equal("BTCUSDT", row.GetProperty("symbol").GetString());
        Assert.Equal(0.0001m, row.GetProperty("fundingRate").GetDecimal());
        Assert.Equal(8, row.GetProperty("fundingIntervalHours").GetInt32());
        Assert.Equal(0.1095m, row.GetProperty("annualizedRate").GetDecimal());
        Assert.Equal(80_000m, row.GetProperty("openInterest").GetDecimal());
        Assert.Equal("2025-10-10T05:47:00Z", row.GetProperty("dataTime").GetString());
        Assert.False(row.GetProperty("stale").GetBoolean());
        var hl = root.GetProperty("venues").EnumerateArray().Single(v => v.GetProperty("venue").GetString() == "hyperliquid");
        Assert.Equal(1, hl.GetProperty("fundingIntervalHours").GetInt32());
        Assert.Equal(0.00012m, hl.GetProperty("eightHourRate").GetDecimal());
        var aggregate = root.GetProperty("aggregate");
        Assert.Equal(
            ["openInterest", "openInterestUsd", "change1h", "change4h", "change24h", "oiWeightedEightHourRate", "oiWeightedAnnualizedRate", "fundingSpreadEightHour"],
            Names(aggregate));
        Assert.Equal(170_000m, aggregate.GetProperty("openInterest").GetDecimal());
        Assert.Equal(JsonValueKind.Null, aggregate.GetProperty("change1h").ValueKind); // unknown yet: null, never 0
        var missing = Assert.Single(root.GetProperty("missing").EnumerateArray());
        Assert.Equal(["venue", "reason"], Names(missing));
        Assert.Equal("okx", missing.GetProperty("venue").GetString());
        Assert.Equal("did not answer in time", missing.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Venues_OneVenueMissing_NamedWithItsReasonInEveryLanguage(Language language)
    {
        var (aggregator, venues) = FiveVenues();
        venues[0].FailWith(VenueErrorKind.RegionBlocked);
        venues[4].FailWith(VenueErrorKind.RateLimited, retryAfter: TimeSpan.FromSeconds(90));

        var reply = await VenueTestKit.AskAsync(aggregator, "btc", language);
        var text = VenueTestKit.Text(reply);
        var t = new Texts(TestData.Localizer, language);

        Assert.Equal(ReportKind.Venues, reply.Report.Kind);
        Assert.Contains(t["venues.reason.regionBlocked"], text, StringComparison.Ordinal);
        Assert.Contains(t.Get("venues.reason.rateLimitedWait", ("wait", TimeFormat.Duration(TimeSpan.FromMinutes(2), t))), text, StringComparison.Ordinal);
        Assert.Contains("Binance", reply.Report.Footer!, StringComparison.Ordinal);
        Assert.Contains("Gate", reply.Report.Footer!, StringComparison.Ordinal);
        Assert.Contains("Bybit · OKX · Hyperliquid", reply.Report.Footer!, StringComparison.Ordinal);
        foreach (var venue in new[] { "Bybit", "OKX", "Hyperliquid" })
        {
            Assert.Contains(venue, text, StringComparison.Ordinal);
        }
        Assert.Contains(t.Get("venues.signsDisagree", ("positive", "Bybit" + t["common.listSeparator"] + "Hyperliquid"), ("negative", "OKX")), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Venues_AllFiveAnswer_RowsInOwnUnitsAndAggregateText()
    {
        var (aggregator, _) = FiveVenues();
        var chart = new RecordingChartRenderer();

        var reply = await VenueTestKit.AskAsync(aggregator, "BTC-USDT-SWAP", Language.En, chart);
        var text = VenueTestKit.Text(reply);

        Assert.Contains("BTC · Venues", text, StringComparison.Ordinal);
        Assert.Contains("Hyperliquid · BTC", text, StringComparison.Ordinal);
        Assert.Contains("Funding +0.0015% per 1h · 8h +0.0120% · ann. +13.14%", text, StringComparison.Ordinal);
        Assert.Contains("Funding +0.0060% per 4h · 8h +0.0120% · ann. +13.14%", text, StringComparison.Ordinal);
        Assert.Contains("OI 80.00K BTC ($9.60B) · share 40.0%", text, StringComparison.Ordinal);
        Assert.Contains("Total open interest: 200.0K BTC ($24.00B)", text, StringComparison.Ordinal);
        Assert.Contains("Change 1h: n/a", text, StringComparison.Ordinal);
        Assert.Contains("Funding spread (8h, max − min): 0.0140%", text, StringComparison.Ordinal);
        Assert.Contains("Sources: Binance · Bybit · OKX · Hyperliquid · Gate", reply.Report.Footer, StringComparison.Ordinal);
        Assert.NotNull(reply.Image);
        var spec = Assert.Single(chart.Venues);
        Assert.Equal(["Binance", "Bybit", "OKX", "Hyperliquid", "Gate"], spec.Bars.Select(b => b.Venue));
        Assert.Equal(80_000m * 120_000m / (80_000m * 120_000m + 50_000m * 120_010m + 30_000m * 119_990m + 25_000m * 120_020m + 15_000m * 120_000m), spec.Bars[0].OiShare);
    }

    [Fact]
    public async Task Dispatcher_CompareAliasAndUnknownAsset_RoutedAndLocalizedError()
    {
        var (aggregator, _) = FiveVenues();
        var dispatcher = new CommandDispatcher([VenueTestKit.Command(aggregator)], TestData.Localizer, NullLogger<CommandDispatcher>.Instance);

        var compare = await dispatcher.DispatchAsync(TestData.Request("compare", "BTC", Language.ZhTw), CancellationToken.None);
        var unknown = await dispatcher.DispatchAsync(TestData.Request("venues", "NOPECOIN", Language.ZhTw), CancellationToken.None);
        var missing = await dispatcher.DispatchAsync(TestData.Request("venues", "", Language.En), CancellationToken.None);

        Assert.Equal(ReportKind.Venues, Assert.Single(compare.Replies).Report.Kind);
        Assert.Equal(ReportKind.Error, Assert.Single(unknown.Replies).Report.Kind);
        Assert.Contains("NOPECOIN", VenueTestKit.Text(unknown.Replies[0]), StringComparison.Ordinal);
        Assert.Equal(ReportKind.Error, Assert.Single(missing.Replies).Report.Kind);
        var info = Assert.Single(dispatcher.Commands, c => c.Name == "venues");
        Assert.Equal(["compare"], info.Aliases);
        Assert.Equal("交易所比較", info.LocalizedNames[Language.ZhTw]);
    }

    [Fact]
    public async Task Venues_NoVenueRegistered_SaysSo()
    {
        var aggregator = VenueTestKit.Aggregator([], new ManualTimeProvider(TestData.Now));

        var reply = await VenueTestKit.AskAsync(aggregator, "BTC", Language.En);

        Assert.Contains("no venue is configured", VenueTestKit.Text(reply), StringComparison.Ordinal);
    }
}
