using DerivBot.Core.Localization;
using DerivBot.Telegram.Formatting;
using DerivBot.Testing;

namespace DerivBot.Telegram.Tests;

/// <summary>The /health report (built by the command from a readiness result) through this platform's renderer.</summary>
public sealed class HealthReportRenderingTests
{
    [Theory]
    [InlineData(Language.En, "Market data", "Health: NOT ready")]
    [InlineData(Language.ZhTw, "行情資料", "狀態：異常")]
    [InlineData(Language.ZhCn, "行情数据", "状态：异常")]
    public void RenderMessages_HealthReport_ValidHtmlWithEveryCheck(Language language, string market, string title)
    {
        var parts = new TelegramHtmlRenderer().RenderMessages(SampleHealthReport.Build(language));

        var part = Assert.Single(parts);
        TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
        Assert.Contains(title, part, StringComparison.Ordinal);
        Assert.Contains(market, part, StringComparison.Ordinal);
        Assert.Contains("Telegram", part, StringComparison.Ordinal);
        Assert.Contains("Discord", part, StringComparison.Ordinal);
        Assert.Contains("bot-&lt;1&gt;&amp;", part, StringComparison.Ordinal); // the instance name is escaped
    }
}
