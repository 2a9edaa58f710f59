using System.Text.Json;
using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;
using DerivBot.Testing;

namespace DerivBot.Application.Tests.Reports;

/// <summary>The quadrant names its horizon, and a verb of direction takes the size of the move, in every language.</summary>
public sealed class QuadrantWordingTests
{
    private static async Task<CommandReply> RunAsync(string command, Language language, MarketSnapshot snapshot)
    {
        var market = new FakeMarketData("BTCUSDT").With(snapshot);
        var query = TestData.Query(market, new InMemoryChatRegistry("UTC"));
        ICommandHandler handler = command switch
        {
            "quadrant" => SymbolReportCommands.Quadrant(query, TestData.Localizer),
            "signal" => SymbolReportCommands.Signal(query, TestData.Localizer),
            _ => SymbolReportCommands.Rsi(query, TestData.Localizer),
        };
        var result = await handler.HandleAsync(TestData.Request(command, "btc", language), CancellationToken.None);
        return Assert.Single(result.Replies);
    }

    private static string Text(CommandReply reply) => new PlainTextReportRenderer().Render(reply.Report);

    /// <summary>
    /// TestData's BTC with OI flat at 90 000 and then falling 25 % over the last 24 h in steady steps (−4.7 % per 4 h),
    /// funding near zero.
    /// </summary>
    private static MarketSnapshot SlowFlush()
    {
        var btc = TestData.Btc();
        var dayAgo = TestData.Now - TimeSpan.FromHours(24);
        var oi = btc.OpenInterest.Select(p =>
        {
            var contracts = 90_000m * (p.Time <= dayAgo ? 1m : (decimal)Math.Pow(0.75, (p.Time - dayAgo).TotalHours / 24));
            return p with { Contracts = contracts, ValueUsd = contracts * 62_000m };
        }).ToList();
        return btc with { OpenInterest = oi };
    }

    [Theory]
    [InlineData(Language.En, "Deleveraging over 24h", "OI fell 25.00% over 24h")]
    [InlineData(Language.ZhTw, "24 小時內去槓桿", "未平倉量在 24 小時內下降 25.00%")]
    [InlineData(Language.ZhCn, "24 小时内去杠杆", "未平仓量在 24 小时内下降 25.00%")]
    public async Task Quadrant_SlowDayLongFlush_NamesHorizonAndFallMagnitude(Language language, string state, string reason)
    {
        var text = Text(await RunAsync("quadrant", language, SlowFlush()));

        Assert.Contains(state, text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        // No double negative; the signed change stays where it is a plain field ("OI change over 24h: -25.00%").
        Assert.DoesNotContain("fell -", text, StringComparison.Ordinal);
        Assert.DoesNotContain("下降 -", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.En, "OI fell 16.32% over 4h")]
    [InlineData(Language.ZhTw, "未平倉量在 4 小時內下降 16.32%")]
    [InlineData(Language.ZhCn, "未平仓量在 4 小时内下降 16.32%")]
    public void ReasonText_Deleveraging_VerbTakesTheMagnitude(Language language, string expected)
    {
        var reason = SignalReason.Of("quadrant.deleveraging",
            ("funding_per8h", -0.0001m), ("oi_change", -0.1632m), ("window_hours", 4m), ("oi_fall", 0.1632m));

        var text = ReasonText.Format(reason, TestData.Context(language));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("-16.32", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.En, "OI rose 6.00% over 4h")]
    [InlineData(Language.ZhTw, "未平倉量在 4 小時內上升 6.00%")]
    [InlineData(Language.ZhCn, "未平仓量在 4 小时内上升 6.00%")]
    public async Task Quadrant_LongCrowding_VerbTakesTheMagnitude(Language language, string expected)
    {
        // TestData's BTC: OI +6 % over the last 4 h; funding +0.02 % per 8 h, up from +0.005 % four hours ago.
        var text = Text(await RunAsync("quadrant", language, TestData.Btc(rate: 0.0002m)));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("+6.00% over", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quadrant_Json_CarriesTheHorizonAsIsoDurationAndEveryHorizon()
    {
        var reply = await RunAsync("quadrant", Language.En, SlowFlush());

        using var doc = JsonDocument.Parse(ReportJson.Serialize(reply.Data));
        var root = doc.RootElement;
        Assert.Equal("Deleveraging", root.GetProperty("quadrant").GetString());
        Assert.Equal("24h", root.GetProperty("window").GetString()); // unchanged field, now the deciding horizon
        Assert.Equal("PT24H", root.GetProperty("horizon").GetString());
        var horizons = root.GetProperty("horizons").EnumerateArray().ToList();
        Assert.Equal(["PT4H", "PT24H"], horizons.Select(h => h.GetProperty("horizon").GetString()));
        Assert.Equal("Neutral", horizons[0].GetProperty("quadrant").GetString());
        Assert.Equal("Deleveraging", horizons[1].GetProperty("quadrant").GetString());
        Assert.Equal(-0.25m, horizons[1].GetProperty("oiChange").GetDecimal(), 6);
    }

    [Fact]
    public async Task Quadrant_Report_ListsEveryHorizon()
    {
        var text = Text(await RunAsync("quadrant", Language.En, SlowFlush()));

        Assert.Contains("Every horizon", text, StringComparison.Ordinal);
        Assert.Contains("4h: Neutral", text, StringComparison.Ordinal);
        Assert.Contains("24h: Deleveraging", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signal_Dashboard_HeadingNamesTheHorizon()
    {
        var reply = await RunAsync("signal", Language.En, SlowFlush());

        Assert.Contains("Deleveraging over 24h", Text(reply), StringComparison.Ordinal);
        Assert.Equal("PT24H", Assert.IsType<DashboardData>(reply.Data).QuadrantHorizon);
    }

    [Theory]
    [InlineData(Language.En, "Incl. forming candle (not used for zones)")]
    [InlineData(Language.ZhTw, "含未收盤 K 線（不用於判斷區間）")]
    [InlineData(Language.ZhCn, "含未收盘 K 线（不用于判断区间）")]
    public async Task Rsi_FormingHour_ShownBesideTheClosedReadingAndLabelled(Language language, string label)
    {
        // TestData's "now" is 05:47: the 05:00 hour is still forming.
        var reply = await RunAsync("rsi", language, TestData.Btc());

        Assert.Contains(label, Text(reply), StringComparison.Ordinal);
        var data = Assert.IsType<RsiData>(reply.Data);
        Assert.NotNull(data.Rsi);
        Assert.NotNull(data.FormingRsi);
    }
}
