using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Tests.Study;

public sealed class RecapTests
{
    [Fact]
    public void Summarize_TestWeek_CascadeAndFundingExtremesHandChecked()
    {
        var week = RecapCommand.Summarize(TestData.Btc(), TestData.Now, new SignalOptions());

        // Liquidations: long 2 × 62 510 (−20 h), short 5 × 63 190 (−3 h), long 20 × 63 010 (−30 min): the last is the largest 5-min bucket.
        Assert.Equal((1_260_200m, PositionSide.Long), (week.LargestCascade!.Value.Usd, week.LargestCascade.Value.Side));
        Assert.Equal(0.00008m, week.FundingHigh!.Value.Rate); // every settlement 0.008 % per 8 h
        Assert.Equal(0.00008m, week.FundingLow!.Value.Rate);
        Assert.NotNull(week.Now);
    }

    [Theory]
    [InlineData(Language.En, "Weekly recap")]
    [InlineData(Language.ZhTw, "每週回顧")]
    [InlineData(Language.ZhCn, "每周回顾")]
    public void Build_FiveSymbolsAndScorers_OneMessageWithinTelegramAndDiscordLimits(Language language, string title)
    {
        var ctx = TestData.Context(language);
        var week = RecapCommand.Summarize(TestData.Btc(), TestData.Now, new SignalOptions());
        var weeks = Enumerable.Range(0, RecapCommand.MaxSymbols).Select(i => week with { Symbol = new Symbol("SYMBOL" + i + "USDT") }).ToList();
        List<QuizScore> scores = [new("1", "@alice", 5, 6), new("2", "Bob", 4, 7), new("3", "陳大文", 1, 1)];

        var report = RecapCommand.Build(weeks, scores, ctx);

        Assert.StartsWith(title, report.Title, StringComparison.Ordinal);
        var text = new PlainTextReportRenderer().Render(report);
        Assert.InRange(text.Length, 1, 4096); // one Telegram message (4 096) and well inside a Discord embed (6 000)
        Assert.Contains("1. @alice — 5/6", text, StringComparison.Ordinal);
        Assert.Contains("SYMBOL4USDT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.All(report.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields), f => Assert.InRange(f.Value.Length, 1, 1024));
    }

    [Fact]
    public void WeeklySchedule_ParsedStoredAndNextSundayEveningInChatZone()
    {
        Assert.True(CommandParsing.TryParseSchedule(["weekly", "sun", "20:00"], out var schedule, out _));
        Assert.Equal(DigestSchedule.WeeklyOn(DayOfWeek.Sunday, new TimeOnly(20, 0)), schedule);
        Assert.Equal("weekly:0:20:00", schedule.ToStorage());
        Assert.Equal(schedule, DigestSchedule.FromStorage("weekly:0:20:00"));
        Assert.True(CommandParsing.TryParseSchedule(["每週", "日", "20:00"], out var zh, out _));
        Assert.Equal(schedule, zh);
        Assert.False(CommandParsing.TryParseSchedule(["weekly", "someday", "20:00"], out _, out _));

        var taipei = TimeZones.Find("Asia/Taipei");
        // Friday 2025-10-10 05:47 UTC → Sunday 2025-10-12 20:00 Taipei = 12:00 UTC; right after it, a week later.
        Assert.Equal(new DateTimeOffset(2025, 10, 12, 12, 0, 0, TimeSpan.Zero), schedule.NextAfter(TestData.Now, taipei));
        Assert.Equal(new DateTimeOffset(2025, 10, 19, 12, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2025, 10, 12, 12, 0, 0, TimeSpan.Zero), taipei));
        Assert.True(CommandParsing.IsRecapWord("recap"));
        Assert.Equal(("recap", ""), (DigestKind.Recap.QueryCommand(), DigestKind.Recap.QueryArguments(DigestKindExtensions.AllSymbols)));
        Assert.True(DigestKind.Recap.IsPerChat());
    }
}
