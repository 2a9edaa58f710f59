using DerivBot.Core.Localization;
using DerivBot.Discord.Rendering;
using DerivBot.Testing;

namespace DerivBot.Discord.Tests.Rendering;

/// <summary>The /health report (built by the command from a readiness result) through this platform's renderer.</summary>
public sealed class HealthReportRenderingTests
{
    [Theory]
    [InlineData(Language.En, "Market data", "Health: NOT ready")]
    [InlineData(Language.ZhTw, "行情資料", "狀態：異常")]
    [InlineData(Language.ZhCn, "行情数据", "状态：异常")]
    public void Render_HealthReport_OneEmbedWithAFieldPerCheck(Language language, string market, string title)
    {
        var message = Assert.Single(new DiscordEmbedRenderer().Render(SampleHealthReport.Build(language), null));

        using var doc = System.Text.Json.JsonDocument.Parse(message.Payload.ToJsonString());
        var embed = Assert.Single(doc.RootElement.GetProperty("embeds").EnumerateArray());
        Assert.Equal(title, embed.GetProperty("title").GetString());
        var names = embed.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains(market, names);
        Assert.Contains("Telegram", names);
        Assert.Contains("Discord", names);
        // One field per check (the note follows them).
        Assert.All(embed.GetProperty("fields").EnumerateArray().Take(4), f => Assert.Matches("^(✅|❌) ", f.GetProperty("value").GetString()!));
    }
}
