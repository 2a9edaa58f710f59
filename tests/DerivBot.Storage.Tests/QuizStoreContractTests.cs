using DerivBot.Application.Localization;
using DerivBot.Application.Outbox;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Study;
using DerivBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DerivBot.Storage.Tests;

/// <summary>The rules every <see cref="IQuizStore"/> keeps; the SQLite store and the in-memory fake both run them.</summary>
public abstract class QuizStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    protected static readonly ChatAddress Group = new(ChatPlatform.Telegram, "-1001234567890");
    protected static readonly ChatAddress Channel = new(ChatPlatform.Discord, "645027906669510667");

    protected abstract IQuizStore Store { get; }

    protected static StoredQuiz Quiz(string id, int correct = 4) =>
        new(id, "BTCUSDT", QuizKind.Quadrant, Language.En, "BTCUSDT: which state?", ["Neutral", "Long crowding", "Short crowding", "Churn", "Deleveraging"], correct,
            "Deleveraging: OI -16.00% over 4h, funding -0.0200%/8h.", T0);

    private QuizBook Book() => new(Store, new ResxLocalizer(), Options.Create(new QuizOptions { OpenPeriod = TimeSpan.FromMinutes(10) }));

    [StoreFact]
    public async Task AnswerPoll_FirstAnswerScoredRepeatRefused_ScoresBestFirstByName()
    {
        var book = Book();
        await Store.SaveQuizAsync(Quiz("q1"), default);
        await Store.SaveQuizAsync(Quiz("q2", correct: 0), default);
        await book.RecordPostAsync("q1", Group, "poll-1", T0, default);
        await book.RecordPostAsync("q2", Group with { ThreadId = "77" }, "poll-2", T0, default);
        var alice = new QuizPlayer("111", "@alice");
        var bob = new QuizPlayer("222", "Bob");

        Assert.Equal(QuizAnswerStatus.Right, (await book.AnswerPollAsync("poll-1", alice, 4, T0.AddMinutes(1), default)).Status);
        Assert.Equal(QuizAnswerStatus.AlreadyAnswered, (await book.AnswerPollAsync("poll-1", alice, 0, T0.AddMinutes(2), default)).Status);
        var wrong = await book.AnswerPollAsync("poll-1", bob, 1, T0.AddMinutes(1), default);
        Assert.Equal(QuizAnswerStatus.Wrong, wrong.Status);
        Assert.Contains("Deleveraging", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(QuizAnswerStatus.Right, (await book.AnswerPollAsync("poll-2", bob, 0, T0.AddMinutes(3), default)).Status);
        Assert.Equal(QuizAnswerStatus.Wrong, (await book.AnswerPollAsync("poll-2", alice, 3, T0.AddMinutes(3), default)).Status);
        Assert.Equal(QuizAnswerStatus.Closed, (await book.AnswerPollAsync("poll-2", new QuizPlayer("333", "Carol"), 0, T0.AddMinutes(11), default)).Status);
        Assert.Equal(QuizAnswerStatus.Unknown, (await book.AnswerPollAsync("poll-9", alice, 0, T0, default)).Status);

        var scores = await Store.GetScoresAsync(Group, DateTimeOffset.MinValue, default);
        // Both 1 right of 2: tie broken by name ("@alice" < "Bob" ordinal); topics of the group count together.
        Assert.Equal([("@alice", 1, 2), ("Bob", 1, 2)], scores.Select(s => (s.DisplayName, s.Right, s.Total)).ToList());
        Assert.Equal((1, 2), await Store.GetTallyAsync("q1", Group, default));
    }

    [StoreFact]
    public async Task Unrevealed_ClosedDiscordPostsOnlyUntilMarked()
    {
        await Store.SaveQuizAsync(Quiz("q3"), default);
        await Store.RecordPostAsync("q3", Channel, null, T0, T0.AddMinutes(10), default);
        await Store.RecordPostAsync("q3", Group, "p3", T0, T0.AddMinutes(10), default);
        await Store.RecordPostAsync("q3", Channel, null, T0.AddMinutes(1), T0.AddMinutes(11), default); // repeat keeps the first

        Assert.Empty(await Store.GetUnrevealedAsync(ChatPlatform.Discord, T0.AddMinutes(9), 10, default));
        var due = Assert.Single(await Store.GetUnrevealedAsync(ChatPlatform.Discord, T0.AddMinutes(10), 10, default));
        Assert.Equal((Channel, T0.AddMinutes(10)), (due.Chat, due.ClosesAt));
        Assert.Equal("Deleveraging", due.Quiz.Options[due.Quiz.CorrectOption]);
        await Store.MarkRevealedAsync("q3", Channel, T0.AddMinutes(10), default);
        Assert.Empty(await Store.GetUnrevealedAsync(ChatPlatform.Discord, T0.AddHours(1), 10, default));
    }

    [StoreFact]
    public async Task Answer_UnknownQuizOrUnpostedChat_NotStored()
    {
        var book = Book();
        await Store.SaveQuizAsync(Quiz("q4"), default);
        var result = await book.AnswerAsync("q4", Channel, new QuizPlayer("9", "Dan"), 4, T0, default);
        Assert.Equal(QuizAnswerStatus.Unknown, result.Status);
        Assert.False(await Store.RecordAnswerAsync(new QuizAnswerRecord("nope", Channel, "9", "Dan", 0, true, T0), default));
        Assert.Empty(await Store.GetScoresAsync(Channel, DateTimeOffset.MinValue, default));
    }
}

public sealed class InMemoryQuizStoreContractTests : QuizStoreContract
{
    protected override IQuizStore Store { get; } = new InMemoryQuizStore();
}

/// <summary>The quiz contract on a real store, where a reveal goes through the outbox.</summary>
public abstract class QuizStoreTests(StoreProvider provider) : QuizStoreContract, IDisposable
{
    private readonly StoreDatabase _database = provider.CreateDatabase();
    private IStoreUnderTest? _store;

    protected override IQuizStore Store => _store ??= _database.OpenStore(new ManualTimeProvider(T0));

    [StoreFact]
    public async Task Reveal_ClosedDiscordQuiz_EnqueuedOnceWithTally()
    {
        var store = (IStoreUnderTest)Store;
        await store.SaveQuizAsync(Quiz("q5"), default);
        await store.RecordPostAsync("q5", Channel, null, T0, T0.AddMinutes(10), default);
        await store.RecordAnswerAsync(new QuizAnswerRecord("q5", Channel, "1", "Ann", 4, true, T0.AddMinutes(1)), default);
        await store.RecordAnswerAsync(new QuizAnswerRecord("q5", Channel, "2", "Ben", 0, false, T0.AddMinutes(2)), default);
        var clock = new ManualTimeProvider(T0.AddMinutes(10));
        var service = new QuizRevealService(store, store, new OutboxSignal(), new ResxLocalizer(), Options.Create(new QuizOptions()), clock, NullLogger<QuizRevealService>.Instance);

        Assert.Equal(1, await service.RevealDueAsync(default));
        Assert.Equal(0, await service.RevealDueAsync(default));

        var item = await store.PeekNextAsync(ChatPlatform.Discord, clock.GetUtcNow(), default);
        Assert.NotNull(item);
        var text = new Application.Reports.PlainTextReportRenderer().Render(item!.Message.Report);
        Assert.Contains("Answer: Deleveraging", text, StringComparison.Ordinal);
        Assert.Contains("1 of 2 answered correctly.", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteQuizStoreContractTests() : QuizStoreTests(StoreProvider.Sqlite);

public sealed class PostgresQuizStoreContractTests() : QuizStoreTests(StoreProvider.Postgres), IRequiresPostgres;
