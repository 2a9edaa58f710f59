using System.Text.Json;
using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Reports;

public sealed class ReportsTests
{
    public static TheoryData<string, Language> EveryReportInEveryLanguage()
    {
        var data = new TheoryData<string, Language>();
        foreach (var command in new[] { "funding", "oi", "quadrant", "liq", "ls", "rsi", "signal", "chart" })
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                data.Add(command, language);
            }
        }
        return data;
    }

    private static ICommandHandler[] Handlers(SymbolQuery query, IChartRenderer? charts = null) =>
    [
        SymbolReportCommands.Funding(query, TestData.Localizer), SymbolReportCommands.OpenInterest(query, TestData.Localizer),
        SymbolReportCommands.Quadrant(query, TestData.Localizer), new LiquidationsCommand(query, TestData.Localizer, charts),
        SymbolReportCommands.LongShort(query, TestData.Localizer), SymbolReportCommands.Rsi(query, TestData.Localizer),
        SymbolReportCommands.Signal(query, TestData.Localizer), new ChartCommand(query, TestData.Localizer, charts),
    ];

    /// <summary>Calls the handler directly (not through the dispatcher), so a missing text key throws and fails the test.</summary>
    private static async Task<CommandReply> RunAsync(string command, Language language, Core.Markets.MarketSnapshot? snapshot = null, IChartRenderer? charts = null, string zone = "UTC")
    {
        var market = new FakeMarketData("BTCUSDT").With(snapshot ?? TestData.Btc());
        var handler = Handlers(TestData.Query(market, new InMemoryChatRegistry(zone)), charts).Single(h => h.Commands[0].Name == command);
        var result = await handler.HandleAsync(TestData.Request(command, "btc", language), CancellationToken.None);
        return Assert.Single(result.Replies);
    }

    private static string Text(CommandReply reply) => new PlainTextReportRenderer().Render(reply.Report);

    [Theory]
    [MemberData(nameof(EveryReportInEveryLanguage))]
    public async Task Report_EveryLanguage_CompleteWithFooterButtonsAndData(string command, Language language)
    {
        var reply = await RunAsync(command, language);

        var report = reply.Report;
        Assert.NotEqual(ReportKind.Error, report.Kind);
        Assert.Contains("BTCUSDT", report.Title, StringComparison.Ordinal);
        Assert.NotNull(report.Footer);
        Assert.Contains("Binance", report.Footer, StringComparison.Ordinal);
        Assert.Contains("2025-10-10 05:47 UTC", report.Footer, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠", report.Footer, StringComparison.Ordinal);
        Assert.NotEmpty(report.ActionsOrEmpty);
        Assert.All(report.ActionsOrEmpty, a => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(a.Command), 1, 60));
        Assert.NotNull(reply.Data);
        var text = Text(reply);
        if (language != Language.En)
        {
            // Chinese reports are Chinese: the title word and the footer are translated, not English fallbacks.
            Assert.Contains(report.Title, c => c >= '\u4e00' && c <= '\u9fff' || c == 'R');
            Assert.DoesNotContain("Source:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("n/a", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Language.En, "⚠ STALE: last update 10m ago")]
    [InlineData(Language.ZhTw, "⚠ 資料過期：最後更新於10分鐘前")]
    [InlineData(Language.ZhCn, "⚠ 数据过期：最后更新于10分钟前")]
    public async Task Report_StaleSnapshot_FooterCarriesTheStaleMark(Language language, string mark)
    {
        var stale = TestData.Btc() with { DataTime = TestData.Now - TimeSpan.FromMinutes(10) };

        foreach (var command in new[] { "funding", "oi", "quadrant", "signal" })
        {
            var reply = await RunAsync(command, language, stale);
            Assert.Contains(mark, reply.Report.Footer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Report_RefreshFailed_FooterSaysSo()
    {
        var reply = await RunAsync("funding", Language.En, TestData.Btc() with { RefreshFailed = true });

        Assert.Contains("STALE", reply.Report.Footer, StringComparison.Ordinal);
        Assert.Contains("last refresh failed", reply.Report.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funding_FourHourSymbol_AnnualizesWithItsOwnInterval()
    {
        var reply = await RunAsync("funding", Language.En, TestData.Btc(intervalHours: 4, rate: 0.0001m));

        var data = Assert.IsType<FundingData>(reply.Data);
        Assert.Equal(4, data.FundingIntervalHours);
        Assert.Equal(0.0001m, data.FundingRate);
        Assert.Equal(0.0002m, data.EightHourRate);
        Assert.Equal(0.0001m * 6m * 365m, data.AnnualizedRate);
        var text = Text(reply);
        Assert.Contains("Predicted rate (per 4h): +0.0100%", text, StringComparison.Ordinal);
        Assert.Contains("8h-equivalent: +0.0200%", text, StringComparison.Ordinal);
        Assert.Contains("Annualized: +21.90%", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.En, "UTC", "Next funding: 2025-10-10 08:00 UTC (in 2h 13m)")]
    [InlineData(Language.ZhTw, "Asia/Taipei", "下次結算: 2025-10-10 16:00 UTC+8（2小時13分後）")]
    [InlineData(Language.ZhCn, "Asia/Shanghai", "下次结算: 2025-10-10 16:00 UTC+8（2小时13分后）")]
    public async Task Funding_NextSettlement_InChatZoneWithCountdown(Language language, string zone, string expected)
    {
        var text = Text(await RunAsync("funding", language, zone: zone));

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funding_Json_HasTheDocumentedCamelCaseFields()
    {
        var json = ReportJson.Serialize((await RunAsync("funding", Language.En)).Data);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("BTCUSDT", root.GetProperty("symbol").GetString());
        Assert.Equal("binance", root.GetProperty("venue").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("fundingRate").ValueKind);
        Assert.Equal(0.0001m, root.GetProperty("fundingRate").GetDecimal());
        Assert.Equal(8, root.GetProperty("fundingIntervalHours").GetInt32());
        Assert.Equal(0.1095m, root.GetProperty("annualizedRate").GetDecimal());
        Assert.Equal("2025-10-10T08:00:00Z", root.GetProperty("nextFundingTime").GetString());
    }

    [Fact]
    public async Task OpenInterest_Json_HasChangesAsFractions()
    {
        var reply = await RunAsync("oi", Language.En);

        using var doc = JsonDocument.Parse(ReportJson.Serialize(reply.Data));
        var root = doc.RootElement;
        foreach (var name in new[] { "symbol", "venue", "openInterest", "openInterestUsd", "change1h", "change4h", "change24h" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }
        // The builder ramps OI by +6 % over the last 4 h.
        Assert.InRange(root.GetProperty("change4h").GetDecimal(), 0.055m, 0.065m);
        Assert.Contains("Open interest: ", Text(reply), StringComparison.Ordinal);
        Assert.Contains(" BTC", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenInterest_Chinese_UsesMyriadUnits()
    {
        var text = Text(await RunAsync("oi", Language.ZhTw));

        Assert.Matches("名目價值: \\$[0-9.,]+億", text);
        Assert.Matches("未平倉量: [0-9.,]+萬 BTC", text);
    }

    [Fact]
    public async Task Quadrant_Json_HasStateIdWindowAndReason()
    {
        var reply = await RunAsync("quadrant", Language.En);

        using var doc = JsonDocument.Parse(ReportJson.Serialize(reply.Data));
        var root = doc.RootElement;
        var state = root.GetProperty("quadrant").GetString();
        Assert.True(Enum.TryParse<Core.Signals.QuadrantState>(state, out _), state);
        Assert.Equal("4h", root.GetProperty("window").GetString());
        Assert.StartsWith("quadrant.", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("oiChange").ValueKind);
        Assert.True(root.TryGetProperty("fundingRate", out _));
    }

    [Fact]
    public async Task Quadrant_Actions_SwitchViewsAndRefresh()
    {
        var actions = (await RunAsync("quadrant", Language.En)).Report.ActionsOrEmpty.Select(a => a.Command).ToList();

        Assert.Equal(["funding BTCUSDT", "oi BTCUSDT", "liq BTCUSDT", "quadrant BTCUSDT"], actions);
    }

    [Fact]
    public async Task Liquidations_Text_HasTotalsLowerBoundNoteAndClusters()
    {
        var reply = await RunAsync("liq", Language.En);

        var text = Text(reply);
        Assert.Contains("Last 1h: longs $1.26M (1) · shorts $0 (0)", text, StringComparison.Ordinal);
        Assert.Contains("Totals are a lower bound", text, StringComparison.Ordinal);
        Assert.Contains("Nearest large above (shorts):", text, StringComparison.Ordinal);
        Assert.Contains("Nearest large below (longs):", text, StringComparison.Ordinal);
        Assert.Null(reply.Image);
        var data = Assert.IsType<LiquidationsData>(reply.Data);
        Assert.True(data.TotalsAreLowerBound);
        Assert.Equal(3, data.Largest.Count);
    }

    [Fact]
    public async Task Liquidations_ChartsAvailable_AttachesHeatmapWithLocalizedLabels()
    {
        var charts = new RecordingChartRenderer(available: true);

        var reply = await RunAsync("liq", Language.ZhTw, charts: charts, zone: "Asia/Taipei");

        Assert.NotNull(reply.Image);
        var spec = Assert.Single(charts.Heatmaps);
        Assert.Equal("BTCUSDT 估算清算價位", spec.Text.Title);
        Assert.Equal("多單清算", spec.Text.Labels["long"]);
        Assert.Equal("萬", spec.Text.Labels["unit.1e4"]);
        Assert.Equal("Asia/Taipei", spec.TimeZone.Id);
        Assert.True(spec.Grid.BucketCount > 0);
        Assert.NotEmpty(spec.PriceLine);
    }

    [Fact]
    public async Task Chart_ChartsUnavailable_TextFallbackSaysWhy()
    {
        var reply = await RunAsync("chart", Language.En, charts: new RecordingChartRenderer(available: false));

        Assert.Null(reply.Image);
        Assert.Contains("Charts are not available", Text(reply), StringComparison.Ordinal);
        Assert.False(Assert.IsType<ChartData>(reply.Data).ImageAttached);
    }

    [Fact]
    public async Task Chart_ChartsAvailable_RendersTheRequestedWindow()
    {
        var charts = new RecordingChartRenderer(available: true);
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var handler = new ChartCommand(TestData.Query(market), TestData.Localizer, charts);

        var reply = Assert.Single((await handler.HandleAsync(TestData.Request("chart", "btc 3d"), CancellationToken.None)).Replies);

        var spec = Assert.Single(charts.Histories);
        Assert.NotNull(reply.Image);
        Assert.True(spec.Price[0].Time >= TestData.Now - TimeSpan.FromDays(3));
        Assert.NotEmpty(spec.OpenInterest);
        Assert.NotEmpty(spec.Funding);
        Assert.Contains(reply.Report.ActionsOrEmpty, a => a.Command == "chart BTCUSDT 7d");
    }

    [Fact]
    public async Task Chart_BadWindow_IsAUsageErrorBeforeAnyMarketCall()
    {
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var handler = new ChartCommand(TestData.Query(market), TestData.Localizer);

        var ex = await Assert.ThrowsAsync<CommandUsageException>(() => handler.HandleAsync(TestData.Request("chart", "btc 2w"), CancellationToken.None));

        Assert.Contains("“2w” is not one of: 1d|3d|7d|30d", ex.Detail, StringComparison.Ordinal);
        Assert.Empty(market.Requested);
    }

    [Fact]
    public async Task Reports_SameDataLanguageAndNow_AreIdentical()
    {
        var a = await RunAsync("signal", Language.ZhCn);
        var b = await RunAsync("signal", Language.ZhCn);

        Assert.Equal(Text(a), Text(b));
        Assert.Equal(ReportJson.Serialize(a.Data), ReportJson.Serialize(b.Data));
    }

    [Fact]
    public async Task Funding_NoPremiumYet_SaysSoWithFooter()
    {
        var reply = await RunAsync("funding", Language.ZhTw, TestData.Btc() with { Premium = null, PredictedFunding = [], FundingHistory = [] });

        Assert.Contains("Binance 尚未提供 BTCUSDT 的資金費率。", Text(reply), StringComparison.Ordinal);
        Assert.NotNull(reply.Report.Footer);
        Assert.Null(reply.Data);
    }
}
