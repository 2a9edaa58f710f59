using DerivBot.Application.Commands;
using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Application.Subscriptions;
using DerivBot.Application.Tests.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DerivBot.Application.Tests.Study;

public sealed class QuizCommandTests
{
    private static (QuizMaker Maker, InMemoryQuizStore Store) Maker(params IVenueOverview[] venues)
    {
        var market = new FakeMarketData("BTCUSDT").With(TestData.Btc());
        var store = new InMemoryQuizStore();
        return (new QuizMaker(TestData.Query(market), venues, store, NullLogger<QuizMaker>.Instance), store);
    }

    [Theory]
    [InlineData(Language.En, "BTCUSDT: which funding × open-interest state is the market in right now?")]
    [InlineData(Language.ZhTw, "BTCUSDT：目前市場處於哪個資金費率 × 未平倉量狀態？")]
    [InlineData(Language.ZhCn, "BTCUSDT：当前市场处于哪个资金费率 × 未平仓量状态？")]
    public async Task Ask_NoKind_QuadrantQuestionStoredWithinPollLimits(Language language, string question)
    {
        var (maker, store) = Maker();

        var result = await maker.AskAsync(TestData.Request("quiz", "btc", language), CancellationToken.None);

        var quiz = Assert.Single(result.Replies).Report.Quiz();
        Assert.NotNull(quiz);
        Assert.Equal(question, quiz!.Question);
        Assert.Equal(5, quiz.Options.Count); // every quadrant state
        Assert.All(quiz.Options, o => Assert.InRange(o.Length, 1, QuizBlock.OptionLimit));
        Assert.InRange(quiz.Explanation.Length, 1, QuizBlock.ExplanationLimit);
        Assert.Contains("/8h", quiz.Explanation, StringComparison.Ordinal);
        // Stored, so answers can be scored once a platform posts it.
        await store.RecordPostAsync(quiz.QuizId, new ChatAddress(ChatPlatform.Discord, "1"), null, TestData.Now, TestData.Now.AddMinutes(10), default);
        Assert.Equal(quiz.CorrectOption, (await store.GetPostAsync(quiz.QuizId, new ChatAddress(ChatPlatform.Discord, "1"), default))!.Quiz.CorrectOption);
    }

    [Fact]
    public async Task Ask_Liq_LargerSideOf24hIsRight()
    {
        var (maker, _) = Maker();

        var quiz = (await maker.AskAsync(TestData.Request("quiz", "BTC liq"), CancellationToken.None)).Replies[0].Report.Quiz()!;

        // Test data in 24 h: longs 2 × 62 510 + 20 × 63 010 = 1 385 220; shorts 5 × 63 190 = 315 950.
        Assert.Equal(["Longs", "Shorts"], quiz.Options);
        Assert.Equal(0, quiz.CorrectOption);
        Assert.Contains("$1.39M", quiz.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_VenuesWithoutOverviews_SaysUnavailableInChatLanguage()
    {
        var (maker, _) = Maker();

        var reply = Assert.Single((await maker.AskAsync(TestData.Request("quiz", "BTC venues", Language.ZhTw), CancellationToken.None)).Replies);

        Assert.Null(reply.Report.Quiz());
        Assert.Equal("交易所測驗暫不可用：沒有交易所回傳跨所資金費率。", Assert.IsType<NoteBlock>(reply.Report.Blocks[0]).Text);
    }

    [Fact]
    public async Task Ask_UnknownKind_UsageErrorNamesChoices()
    {
        var (maker, _) = Maker();

        var ex = await Assert.ThrowsAsync<CommandUsageException>(() => maker.AskAsync(TestData.Request("quiz", "BTC weather"), CancellationToken.None));

        Assert.Contains("quadrant|venues|funding|liq", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscribe_QuizKinds_ParsedAndRenderedAsQuizQueries()
    {
        Assert.True(CommandParsing.TryParseKind("quiz", out var kind));
        Assert.Equal(DigestKind.Quiz, kind);
        Assert.True(CommandParsing.TryParseQuizKind("venues", out var named));
        Assert.Equal(DigestKind.QuizVenues, named);
        Assert.False(CommandParsing.TryParseQuizKind("daily", out _));
        Assert.Equal(("quiz", "BTCUSDT rotate"), (DigestKind.Quiz.QueryCommand(), DigestKind.Quiz.QueryArguments(new Symbol("BTCUSDT"))));
        Assert.Equal("BTCUSDT liq", DigestKind.QuizLiquidations.QueryArguments(new Symbol("BTCUSDT")));
    }

    [Theory]
    [InlineData(Language.En, "Heatmap check")]
    [InlineData(Language.ZhTw, "熱力圖驗證")]
    [InlineData(Language.ZhCn, "热力图验证")]
    public void LevelsCheck_ThreeLanguages_TitleCalibrationAndLowerBoundNote(Language language, string title)
    {
        var reply = SweepReports.Check(TestData.Btc(), new Core.Signals.SignalOptions().LiquidationLevels, TestData.Context(language));

        Assert.Contains(title, reply.Report.Title, StringComparison.Ordinal);
        Assert.Equal(2, reply.Report.Blocks.OfType<FieldsBlock>().Single().Fields.Count); // 7 d and 30 d
        Assert.Contains("Binance", reply.Report.Blocks.OfType<NoteBlock>().Last().Text, StringComparison.Ordinal);
        var text = new PlainTextReportRenderer().Render(reply.Report);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }
}
