using System.Text.Json;
using DerivBot.Application.Localization;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Reports;
using DerivBot.Core.Study;
using DerivBot.Discord.Rendering;
using DerivBot.Discord.Tests.Fakes;
using DerivBot.Testing;
using Microsoft.Extensions.Options;

namespace DerivBot.Discord.Tests.Study;

public sealed class QuizInteractionTests
{
    private const string SlashCallback = "/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback";
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    private static StoredQuiz Quiz() =>
        new("a1b2c3d4e5f6", "BTCUSDT", QuizKind.Quadrant, Language.En, "BTCUSDT: which funding × open-interest state is the market in right now?",
            ["Neutral", "Long crowding", "Short crowding (squeeze risk)", "Churn", "Deleveraging"], 4,
            "Deleveraging: OI -16.00% over 4h, funding -0.0200%/8h.", T0);

    private static string Button(string customId, string userId, string name, string interactionId) =>
        $$"""
        {"type":3,"token":"TOKEN_{{interactionId}}","application_id":"{{Some.AppId}}",
         "member":{"user":{"id":"{{userId}}","username":"{{name.ToLowerInvariant()}}","global_name":"{{name}}"},"roles":[],"permissions":"0"},
         "id":"{{interactionId}}","guild_id":"{{Some.GuildId}}","guild_locale":"en-US","locale":"en-US",
         "message":{"id":"1111","channel_id":"{{Some.ChannelId}}"},
         "data":{"custom_id":"{{customId}}","component_type":2},
         "channel_id":"{{Some.ChannelId}}"}
        """;

    [Fact(Timeout = 60_000)]
    public async Task Quiz_ButtonsThenEphemeralRightWrongReplies_ScoredByName()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var clock = new ManualTimeProvider(T0);
        var store = new InMemoryQuizStore();
        var book = new QuizBook(store, new ResxLocalizer(), Options.Create(new QuizOptions()));
        var quiz = Quiz();
        await store.SaveQuizAsync(quiz, default);
        var report = new Report(ReportKind.Quiz, "BTCUSDT · Quiz", [new QuizBlock(quiz.Id, quiz.Question, quiz.Options, quiz.CorrectOption, quiz.Explanation)]);
        var dispatcher = new FakeCommandDispatcher([.. Some.Commands(), FakeCommandDispatcher.Info("quiz", "Quiz", "測驗", "测验")], (_, _) => Task.FromResult(CommandResult.Of(report)));
        var handler = Some.Handler(server, clock, dispatcher, quizzes: book);
        using var cts = TestTimeouts.NetworkToken();

        // 1. /quiz: the question with one button per option; the answer is not in the message.
        await handler.HandleAsync(Some.Json(Some.SlashCommand("quiz", """[{"type":3,"name":"symbol","value":"BTC"}]""", locale: "en-US")), cts.Token);
        using (var posted = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", SlashCallback)).BodyText))
        {
            var data = posted.RootElement.GetProperty("data");
            var buttons = data.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()).ToList();
            Assert.Equal(5, buttons.Count);
            Assert.Equal("quiz:a1b2c3d4e5f6:4", buttons[4].GetProperty("custom_id").GetString());
            Assert.Equal("E. Deleveraging", buttons[4].GetProperty("label").GetString());
            Assert.DoesNotContain("OI -16.00%", data.GetProperty("embeds")[0].GetRawText(), StringComparison.Ordinal);
        }
        Assert.NotNull(await store.GetPostAsync(quiz.Id, new ChatAddress(ChatPlatform.Discord, Some.ChannelId), default));

        // 2. Button presses: answered at once (type 4, EPHEMERAL), no deferral — the manual clock never moves.
        await handler.HandleAsync(Some.Json(Button("quiz:a1b2c3d4e5f6:4", "1", "Mason", "9001")), cts.Token);
        await handler.HandleAsync(Some.Json(Button("quiz:a1b2c3d4e5f6:0", "2", "Ada", "9002")), cts.Token);
        await handler.HandleAsync(Some.Json(Button("quiz:a1b2c3d4e5f6:0", "1", "Mason", "9003")), cts.Token);

        var right = Reply(server, "9001");
        Assert.Equal(4, right.GetProperty("type").GetInt32());
        Assert.Equal(64, right.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal("✅ Right! Deleveraging: OI -16.00% over 4h, funding -0.0200%/8h.", right.GetProperty("data").GetProperty("content").GetString());
        var wrong = Reply(server, "9002").GetProperty("data");
        Assert.Equal(64, wrong.GetProperty("flags").GetInt32());
        Assert.StartsWith("❌ Not quite: the answer is Deleveraging.", wrong.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("first answer counts", Reply(server, "9003").GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, clock.PendingTimers);

        var scores = await store.GetScoresAsync(new ChatAddress(ChatPlatform.Discord, Some.ChannelId), DateTimeOffset.MinValue, default);
        Assert.Equal([("Mason", 1, 1), ("Ada", 0, 1)], scores.Select(s => (s.DisplayName, s.Right, s.Total)).ToList());
        Assert.DoesNotContain(dispatcher.Requests, r => r.Command != "quiz"); // answers never reach the command dispatcher
    }

    private static JsonElement Reply(FakeDiscordServer server, string interactionId) =>
        JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", $"/api/v10/interactions/{interactionId}/TOKEN_{interactionId}/callback")).BodyText).RootElement.Clone();
}

public sealed class QuizBroadcastTests
{
    [Fact(Timeout = 60_000)]
    public async Task Broadcast_ScheduledQuiz_PostedWithButtonsAndRecordedForTheReveal()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQuizStore();
        var book = new QuizBook(store, new ResxLocalizer(), Options.Create(new QuizOptions { OpenPeriod = TimeSpan.FromMinutes(10) }));
        var quiz = new StoredQuiz("feedbeef0001", "ETHUSDT", QuizKind.Liquidations, Language.ZhCn, "ETHUSDT：过去 24 小时哪一方爆仓更多？", ["多方", "空方"], 1,
            "24 小时：多方 $120万，空方 $560万（Binance 数据流，为下限）。", clock.GetUtcNow());
        await store.SaveQuizAsync(quiz, default);
        var logs = new CollectingLoggerProvider();
        var sender = new DiscordChatSender(Some.Rest(server, clock, logs), new DiscordEmbedRenderer(), new InMemoryChatRegistry(), logs.For<DiscordChatSender>(), clock, book);
        var channel = new ChatAddress(ChatPlatform.Discord, Some.ChannelId);
        using var cts = TestTimeouts.NetworkToken();

        var result = await sender.SendAsync(channel, new Core.Ports.OutboundMessage(new Report(ReportKind.Quiz, "ETHUSDT · 测验",
            [new QuizBlock(quiz.Id, quiz.Question, quiz.Options, quiz.CorrectOption, quiz.Explanation)])), cts.Token);

        Assert.Equal(Core.Ports.SendStatus.Sent, result.Status);
        using var body = JsonDocument.Parse(Assert.Single(server.RequestsTo("POST", $"/api/v10/channels/{Some.ChannelId}/messages")).BodyText);
        var buttons = body.RootElement.GetProperty("components")[0].GetProperty("components");
        Assert.Equal(["quiz:feedbeef0001:0", "quiz:feedbeef0001:1"], buttons.EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()).ToList());
        Assert.Empty(await store.GetUnrevealedAsync(ChatPlatform.Discord, clock.GetUtcNow().AddMinutes(9), 10, default));
        var due = Assert.Single(await store.GetUnrevealedAsync(ChatPlatform.Discord, clock.GetUtcNow().AddMinutes(10), 10, default));
        Assert.Equal("空方", due.Quiz.Options[due.Quiz.CorrectOption]);
    }
}
