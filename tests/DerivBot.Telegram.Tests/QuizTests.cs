using System.Globalization;
using System.Text.Json;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;
using DerivBot.Core.Study;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram.Tests;

public sealed class QuizTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private static readonly ChatAddress GroupChat = new(ChatPlatform.Telegram, TgUpdates.GroupId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A quiz worded by the production wording code, with the longest numbers the models produce.</summary>
    public static StoredQuiz Worded(QuizKind kind, Language language)
    {
        var symbol = new Symbol("1000000BABYDOGEUSDT");
        var model = kind switch
        {
            QuizKind.Quadrant => new QuizModel(kind, symbol, Enum.GetNames<QuadrantState>(), 4,
                SignalReason.Of("quiz.quadrant", ("windowHours", 4m), ("oiChange", -0.1634m), ("fundingPer8h", -0.00123456m)), Now),
            QuizKind.Funding => new QuizModel(kind, symbol, [QuizQuestions.Yes, QuizQuestions.No], 0,
                SignalReason.Of("quiz.funding", ("currentPer8h", -0.0123456m), ("medianPer8h", 0.0001m), ("samples", 90m)), Now),
            QuizKind.Liquidations => new QuizModel(kind, symbol, [QuizQuestions.Long, QuizQuestions.Short], 1,
                SignalReason.Of("quiz.liquidations", ("longUsd", 123_456_789_012.34m), ("shortUsd", 987_654_321_098.76m)), Now),
            _ => new QuizModel(kind, symbol, [.. VenueIds.Perpetuals], 5,
                SignalReason.Of("quiz.venues", ("topPer8h", 0.0123456m), ("secondPer8h", -0.0098765m), ("venues", 6m)), Now) { RunnerUp = VenueIds.Hyperliquid },
        };
        var snapshot = new MarketSnapshot { Venue = VenueIds.Binance, Symbol = symbol, DataTime = Now };
        var ctx = new ReportContext(new Texts(new ResxLocalizer(), language), TimeZoneInfo.Utc, Now);
        return QuizMaker.Word(model, snapshot, ctx);
    }

    private static OutboundMessage Message(StoredQuiz q) =>
        new(new Report(ReportKind.Quiz, "quiz", [new QuizBlock(q.Id, q.Question, q.Options, q.CorrectOption, q.Explanation)]));

    public static TheoryData<QuizKind, Language> AllKindsAndLanguages()
    {
        var data = new TheoryData<QuizKind, Language>();
        foreach (var kind in Enum.GetValues<QuizKind>())
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                data.Add(kind, language);
            }
        }
        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(AllKindsAndLanguages))]
    public async Task Send_Quiz_WellFormedNonAnonymousQuizPollWithinLimits(QuizKind kind, Language language)
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var quiz = Worded(kind, language);
        await ctx.Quizzes.SaveQuizAsync(quiz, cts.Token);

        var result = await ctx.Sender.SendAsync(GroupChat, Message(quiz), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var call = Assert.Single(ctx.Server.CallsTo("sendPoll")); // the fake refuses anything Telegram would (400)
        Assert.Empty(ctx.Server.CallsTo("sendMessage"));
        Assert.Equal("quiz", call["type"]);
        Assert.Equal("false", call["is_anonymous"]);
        Assert.Equal($"[{quiz.CorrectOption}]", call["correct_option_ids"]);
        Assert.Equal("600", call["open_period"]);
        Assert.Equal(quiz.Question, call["question"]);
        Assert.InRange(call["question"]!.Length, 1, 300);
        var options = JsonDocument.Parse(call["options"]!).RootElement.EnumerateArray().Select(o => o.GetProperty("text").GetString()!).ToList();
        Assert.Equal(quiz.Options, options);
        Assert.InRange(options.Count, 2, 10);
        Assert.All(options, o => Assert.InRange(o.Length, 1, 100));
        Assert.InRange(call["explanation"]!.Length, 1, 200);
        Assert.Equal(quiz.Options[quiz.CorrectOption], options[int.Parse(call["correct_option_ids"]!.Trim('[', ']'), CultureInfo.InvariantCulture)]);
        // Posted: the poll id now maps back to the quiz.
        Assert.NotNull(await ctx.Quizzes.GetPostByPollAsync("poll-1", cts.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Send_QuizToChannel_ResentAnonymousAndNotScored()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        ctx.Server.ChannelIds.Add("-1009876543210");
        var quiz = Worded(QuizKind.Quadrant, Language.En);
        await ctx.Quizzes.SaveQuizAsync(quiz, cts.Token);

        var result = await ctx.Sender.SendAsync(new ChatAddress(ChatPlatform.Telegram, "-1009876543210"), Message(quiz), cts.Token);

        Assert.Equal(SendStatus.Sent, result.Status);
        var calls = ctx.Server.CallsTo("sendPoll");
        Assert.Equal(["false", "true"], calls.Select(c => c["is_anonymous"]).ToList());
        Assert.Null(await ctx.Quizzes.GetPostByPollAsync("poll-1", cts.Token)); // no poll id recorded: nothing to score
    }

    [Fact(Timeout = 30_000)]
    public async Task Handle_PollAnswers_ScoredAndScoresListNamesNotIds()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();
        var quiz = Worded(QuizKind.Quadrant, Language.En); // correct option 4
        await ctx.Quizzes.SaveQuizAsync(quiz, cts.Token);
        await ctx.Sender.SendAsync(GroupChat, Message(quiz), cts.Token);

        await ctx.HandleAsync(PollAnswer("poll-1", 111, "alice", "Alice", 4), cts.Token);
        await ctx.HandleAsync(PollAnswer("poll-1", 222, null, "Bob", 1), cts.Token);
        await ctx.HandleAsync(PollAnswer("poll-1", 111, "alice", "Alice", 2), cts.Token); // a second vote does not count
        await ctx.HandleAsync(PollAnswer("poll-1", 333, "carol", "Carol", null), cts.Token); // retracted: nothing

        var scores = await ctx.Quizzes.GetScoresAsync(GroupChat, DateTimeOffset.MinValue, cts.Token);
        Assert.Equal([("@alice", 1, 1), ("Bob", 0, 1)], scores.Select(s => (s.DisplayName, s.Right, s.Total)).ToList());
        var text = new PlainTextReportRenderer().Render(ScoresCommand.Build(scores, new Texts(new ResxLocalizer(), Language.En)));
        Assert.Contains("1. @alice — 1/1", text, StringComparison.Ordinal);
        Assert.Contains("2. Bob — 0/1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("111", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Poller_AllowedUpdates_IncludePollAnswerAndPoll()
    {
        await using var ctx = await TelegramTestContext.StartAsync();
        using var cts = TestTimeouts.NetworkToken();

        var run = ctx.Poller.RunAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("getUpdates").Count >= 1, what: "poll");
        await cts.CancelAsync();
        await run;

        var allowed = JsonSerializer.Deserialize<string[]>(ctx.Server.CallsTo("getUpdates")[0]["allowed_updates"]!)!;
        Assert.Contains("poll_answer", allowed);
        Assert.Contains("poll", allowed);
        Assert.Contains("message", allowed);
    }

    [Fact(Timeout = 30_000)]
    public async Task Webhook_SetWebhookAllowedUpdates_IncludePollAnswerAndPoll()
    {
        await using var ctx = await TelegramTestContext.StartAsync(o =>
        {
            o.Mode = TelegramMode.Webhook;
            o.WebhookUrl = new Uri("https://bot.example.com/telegram/update");
            o.WebhookSecret = "right-secret";
        });
        using var cts = TestTimeouts.NetworkToken();
        var service = ActivatorUtilities.CreateInstance<TelegramBotService>(ctx.Services);

        await service.StartAsync(cts.Token);
        await TestTimeouts.WaitUntilAsync(() => ctx.Server.CallsTo("setWebhook").Count >= 1, what: "setWebhook");
        await service.StopAsync(cts.Token);

        var allowed = JsonSerializer.Deserialize<string[]>(ctx.Server.CallsTo("setWebhook")[0]["allowed_updates"]!)!;
        Assert.Contains("poll_answer", allowed);
        Assert.Contains("poll", allowed);
        Assert.Equal("right-secret", ctx.Server.CallsTo("setWebhook")[0]["secret_token"]);
    }

    private static string PollAnswer(string pollId, long userId, string? username, string firstName, int? option) =>
        $$"""
        "poll_answer":{"poll_id":"{{pollId}}","user":{"id":{{userId}},"is_bot":false,"first_name":"{{firstName}}"{{(username is null ? "" : $",\"username\":\"{username}\"")}}},
          "option_ids":[{{option?.ToString(CultureInfo.InvariantCulture) ?? ""}}]}
        """;
}
