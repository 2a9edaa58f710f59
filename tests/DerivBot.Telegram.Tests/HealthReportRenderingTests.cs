using DerivBot.Application.Diagnostics;
using DerivBot.Application.Localization;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using DerivBot.Telegram.Formatting;

namespace DerivBot.Telegram.Tests;

/// <summary>The /health report (built by the command from a readiness result) through this platform's renderer.</summary>
public sealed class HealthReportRenderingTests
{
    private static readonly ResxLocalizer Localizer = new();

    private static Report HealthReport(Language language)
    {
        static HealthReportEntry Entry(HealthStatus status, params (string Key, object Value)[] data) =>
            new(status, "x", TimeSpan.Zero, null, data.ToDictionary(d => d.Key, d => d.Value));
        var health = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport(new Dictionary<string, HealthReportEntry>
        {
            [ReadinessChecks.Store] = Entry(HealthStatus.Healthy, ("state", "ok"), ("provider", "Postgres"), ("pending", 2), ("oldestSeconds", 30.0)),
            [ReadinessChecks.Market] = Entry(HealthStatus.Unhealthy, ("state", "stale"), ("ageSeconds", 900.0), ("limitSeconds", 300.0)),
            ["telegram"] = Entry(HealthStatus.Healthy, ("state", "standby"), ("ageSeconds", 60.0)),
            ["discord"] = Entry(HealthStatus.Unhealthy, ("state", "disconnected"), ("ageSeconds", 5.0)),
        }, TimeSpan.Zero);
        return HealthCommand.Render(health, new Texts(Localizer, language), DateTimeOffset.UnixEpoch.AddYears(55), "bot-<1>&");
    }

    [Theory]
    [InlineData(Language.En, "Market data", "Health: NOT ready")]
    [InlineData(Language.ZhTw, "行情資料", "狀態：異常")]
    [InlineData(Language.ZhCn, "行情数据", "状态：异常")]
    public void RenderMessages_HealthReport_ValidHtmlWithEveryCheck(Language language, string market, string title)
    {
        var parts = new TelegramHtmlRenderer().RenderMessages(HealthReport(language));

        var part = Assert.Single(parts);
        TelegramHtmlChecker.AssertValid(part, TelegramHtmlRenderer.MessageLimit);
        Assert.Contains(title, part, StringComparison.Ordinal);
        Assert.Contains(market, part, StringComparison.Ordinal);
        Assert.Contains("Telegram", part, StringComparison.Ordinal);
        Assert.Contains("Discord", part, StringComparison.Ordinal);
        Assert.Contains("bot-&lt;1&gt;&amp;", part, StringComparison.Ordinal); // the instance name is escaped
    }
}
