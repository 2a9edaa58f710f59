using System.Text.Json;
using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Tests.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Signals;
using DerivBot.Testing;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Tests.Venues;

/// <summary>/oi, /funding, /quadrant and /signal read the cross-venue aggregate where it is the better measure.</summary>
public sealed class AggregateReportsTests
{
    private static (SymbolQuery Query, IReadOnlyList<FakeVenueOverview> Venues) Setup(bool withHistory = false) => SetupWith(withHistory).Item1;

    private static ((SymbolQuery Query, IReadOnlyList<FakeVenueOverview> Venues), VenueAggregator Aggregator) SetupWith(bool withHistory)
    {
        var clock = new ManualTimeProvider(TestData.Now);
        var venues = VenueFixtures.FiveVenues(clock);
        if (withHistory)
        {
            // Binance and Bybit (65 % of the OI) publish 25 h of history: flat, then −10 % over the last 4 h.
            venues[0].WithHistory("BTC", Falling(88_000m, 80_000m));
            venues[1].WithHistory("BTC", Falling(55_000m, 50_000m));
        }
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var aggregator = VenueTestKit.Aggregator(venues, clock);
        var query = new SymbolQuery(market, new SymbolLookup(market), new ChatTimeZones(null), TestData.Localizer, clock,
            Options.Create(new SignalOptions()), aggregator);
        return ((query, venues), aggregator);
    }

    private static List<OpenInterestPoint> Falling(decimal from, decimal to)
    {
        var points = new List<OpenInterestPoint>();
        for (var t = TestData.Now.AddHours(-25); t <= TestData.Now; t += TimeSpan.FromMinutes(15))
        {
            var left = (TestData.Now - t).TotalHours;
            var coins = left >= 4 ? from : to + ((from - to) * (decimal)(left / 4));
            points.Add(new OpenInterestPoint(t, coins, coins * 120_000m));
        }
        return points;
    }

    private static async Task<CommandReply> RunAsync(ICommandHandler handler, string command, Language language = Language.En)
    {
        var result = await handler.HandleAsync(TestData.Request(command, "BTC", language), CancellationToken.None);
        return Assert.Single(result.Replies);
    }

    [Fact]
    public async Task OpenInterest_WithOtherVenues_PrimaryFieldsKeptAggregateBesideAndFooterNamesVenues()
    {
        var (query, venues) = Setup();
        venues[2].FailWith(VenueErrorKind.Banned);

        var reply = await RunAsync(SymbolReportCommands.OpenInterest(query, TestData.Localizer), "oi");
        using var doc = JsonDocument.Parse(ReportJson.Serialize(reply.Data));
        var root = doc.RootElement;

        // The primary venue's own numbers, with today's field names.
        Assert.Equal("binance", root.GetProperty("venue").GetString());
        var primary = TestData.Btc().OpenInterest[^1].Contracts;
        Assert.Equal(primary, root.GetProperty("openInterest").GetDecimal());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("change4h").ValueKind);
        // The aggregate beside them: four venues answered (OKX banned).
        var aggregate = root.GetProperty("aggregate");
        Assert.Equal(170_000m, aggregate.GetProperty("openInterest").GetDecimal());
        Assert.Equal(JsonValueKind.Null, aggregate.GetProperty("change4h").ValueKind);
        Assert.Contains("aggregate: Binance · Bybit · Hyperliquid · Gate", reply.Report.Footer, StringComparison.Ordinal);
        Assert.Contains("missing: OKX (temporarily blocked the bot)", reply.Report.Footer, StringComparison.Ordinal);
        Assert.Contains("Total open interest: 170.0K BTC", VenueTestKit.Text(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.ZhTw)]
    [InlineData(Language.ZhCn)]
    public async Task Funding_WithOtherVenues_OiWeightedRateBesideThePrimaryRate(Language language)
    {
        var (query, _) = Setup();

        var reply = await RunAsync(SymbolReportCommands.Funding(query, TestData.Localizer), "funding", language);
        var data = Assert.IsType<FundingData>(reply.Data);

        Assert.Equal(0.0001m, data.FundingRate);
        Assert.NotNull(data.Aggregate);
        var usd = 80_000m * 120_000m + 50_000m * 120_010m + 30_000m * 119_990m + 25_000m * 120_020m + 15_000m * 120_000m;
        var weighted = (0.0001m * 80_000m * 120_000m + 0.00008m * 50_000m * 120_010m + -0.00002m * 30_000m * 119_990m
            + 0.00012m * 25_000m * 120_020m + 0.00012m * 15_000m * 120_000m) / usd;
        Assert.Equal(weighted, data.Aggregate!.OiWeightedEightHourRate);
        var t = new Core.Localization.Texts(TestData.Localizer, language);
        Assert.Contains(t["venues.aggregate.weighted"], VenueTestKit.Text(reply), StringComparison.Ordinal);
        Assert.Contains(t.Get("footer.aggregate", ("venues", "Binance · Bybit · OKX · Hyperliquid · Gate")), reply.Report.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quadrant_SummedHistoryFalls_QuadrantReadsTheAggregateNotThePrimary()
    {
        var (query, _) = Setup(withHistory: true);
        var withoutVenues = new SymbolQuery(new FakeMarketData("BTCUSDT").With(TestData.Btc()), new SymbolLookup(new FakeMarketData("BTCUSDT")),
            new ChatTimeZones(null), TestData.Localizer, new ManualTimeProvider(TestData.Now), Options.Create(new SignalOptions()));

        var primary = Assert.IsType<QuadrantData>((await RunAsync(SymbolReportCommands.Quadrant(withoutVenues, TestData.Localizer), "quadrant")).Data);
        var reply = await RunAsync(SymbolReportCommands.Quadrant(query, TestData.Localizer), "quadrant");
        var aggregate = Assert.IsType<QuadrantData>(reply.Data);

        // Binance alone: OI +6 % over 4 h. Binance + Bybit summed: −10 % over 4 h.
        Assert.True(primary.OiChange > 0m, $"primary {primary.OiChange}");
        Assert.True(aggregate.OiChange < 0m, $"aggregate {aggregate.OiChange}");
        Assert.Equal(primary.FundingRate, aggregate.FundingRate); // the primary's own rate stays in its field
        Assert.NotEqual(primary.FundingRatePer8h, aggregate.FundingRatePer8h); // the model read the OI-weighted level
        Assert.Contains("quadrant OI: sum of Binance · Bybit", reply.Report.Footer, StringComparison.Ordinal);
        Assert.Contains("quadrant funding: OI-weighted over Binance · Bybit · OKX · Hyperliquid · Gate", reply.Report.Footer, StringComparison.Ordinal);

        var dashboard = await RunAsync(SymbolReportCommands.Signal(query, TestData.Localizer), "signal");
        Assert.Contains("quadrant OI: sum of Binance · Bybit", dashboard.Report.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuadrantAlerts_AfterTheRefreshCycle_ClassifyWithTheSameInputsAsTheReport()
    {
        var ((query, _), aggregator) = SetupWith(withHistory: true);
        await aggregator.RefreshAsync(["BTCUSDT"], CancellationToken.None);
        var report = Assert.IsType<QuadrantData>((await RunAsync(SymbolReportCommands.Quadrant(query, TestData.Localizer), "quadrant")).Data);

        var withVenues = new DerivBot.Application.Subscriptions.SignalQuadrantClassifier(Options.Create(new SignalOptions()), aggregator).Classify(TestData.Btc(), TestData.Now);
        var primaryOnly = new DerivBot.Application.Subscriptions.SignalQuadrantClassifier(Options.Create(new SignalOptions())).Classify(TestData.Btc(), TestData.Now);

        Assert.Equal(report.Quadrant, withVenues.ToString());
        Assert.NotEqual(primaryOnly, withVenues); // the aggregate changed the reading, and alerts follow it
    }

    [Fact]
    public void AggregateInputs_OneVenueOnly_NoAggregateView()
    {
        var snapshot = TestData.Btc();
        var stat = new VenueInstrumentStat("binance", "BTCUSDT", "BTC", 62_000m, 0.0001m, 8, null, 90_000m, 90_000m * 62_000m, null, TestData.Now);
        var comparison = VenueMath.Compare("BTC", [new VenueInput(stat, false, [])], TestData.Now);
        var venues = new VenueSnapshot("BTC", comparison, [], ["binance"], TestData.Now, new Dictionary<string, IReadOnlyList<OpenInterestPoint>>());

        Assert.Null(AggregateInputs.For(snapshot, venues, TestData.Now));
        Assert.Null(AggregateInputs.For(snapshot, null, TestData.Now));
    }

    [Theory]
    [InlineData(Language.En, "levels: OI summed over Binance · Bybit")]
    [InlineData(Language.ZhTw, "清算區未平倉量：Binance · Bybit 加總")]
    [InlineData(Language.ZhCn, "清算区未平仓量：Binance · Bybit 加总")]
    public async Task Liquidations_WithSummedOi_HeatmapCaptionAndFooterNameTheVenues(Language language, string expected)
    {
        var (query, _) = Setup(withHistory: true);
        var charts = new RecordingChartRenderer();

        var reply = await RunAsync(new LiquidationsCommand(query, TestData.Localizer, charts), "liq", language);

        var heatmap = Assert.Single(charts.Heatmaps);
        Assert.Contains(expected, heatmap.Text.Subtitle, StringComparison.Ordinal);
        Assert.Contains(expected, reply.Report.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liquidations_WithoutVenues_CaptionNamesOnlyThePrimary()
    {
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var clock = new ManualTimeProvider(TestData.Now);
        var query = new SymbolQuery(market, new SymbolLookup(market), new ChatTimeZones(null), TestData.Localizer, clock, Options.Create(new SignalOptions()));
        var charts = new RecordingChartRenderer();

        var reply = await RunAsync(new LiquidationsCommand(query, TestData.Localizer, charts), "liq");

        Assert.DoesNotContain("summed", Assert.Single(charts.Heatmaps).Text.Subtitle, StringComparison.Ordinal);
        Assert.DoesNotContain("summed", reply.Report.Footer ?? "", StringComparison.Ordinal);
    }
}
