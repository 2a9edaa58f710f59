using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Study;

namespace DerivBot.Application.Study;

/// <summary>A quiz as asked: its wording in one language and the right answer.</summary>
/// <param name="Id">Random, URL-safe, ≤ 16 characters (it travels in Discord custom_ids).</param>
public sealed record StoredQuiz(
    string Id,
    string Symbol,
    QuizKind Kind,
    Language Language,
    string Question,
    IReadOnlyList<string> Options,
    int CorrectOption,
    string Explanation,
    DateTimeOffset CreatedAt);

/// <summary>Where a quiz was posted and until when it takes answers.</summary>
public sealed record QuizPost(StoredQuiz Quiz, ChatAddress Chat, string? PollId, DateTimeOffset PostedAt, DateTimeOffset ClosesAt);

/// <summary>One answer as stored (the first per quiz, chat and user).</summary>
public sealed record QuizAnswerRecord(string QuizId, ChatAddress Chat, string UserId, string DisplayName, int Option, bool Correct, DateTimeOffset AnsweredAt);

/// <summary>A player's tally in one chat; <see cref="DisplayName"/> is the latest name they answered under.</summary>
public sealed record QuizScore(string UserId, string DisplayName, int Right, int Total);

/// <summary>Quizzes, where they were posted, and the answers (SQLite in production).</summary>
public interface IQuizStore
{
    Task SaveQuizAsync(StoredQuiz quiz, CancellationToken cancellationToken);

    /// <summary>Records a post; a second post of the same quiz to the same chat keeps the first.</summary>
    Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, DateTimeOffset closesAt, CancellationToken cancellationToken);

    /// <summary>The post of <paramref name="quizId"/> in <paramref name="chat"/> (any thread of it), or null.</summary>
    Task<QuizPost?> GetPostAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>The post carrying Telegram poll <paramref name="pollId"/>, or null.</summary>
    Task<QuizPost?> GetPostByPollAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Stores the answer unless this user already answered this quiz in this chat; true when stored.</summary>
    Task<bool> RecordAnswerAsync(QuizAnswerRecord answer, CancellationToken cancellationToken);

    /// <summary>The chat's players (answers since <paramref name="since"/>), best first: most right, then fewest answers, then name.</summary>
    Task<IReadOnlyList<QuizScore>> GetScoresAsync(ChatAddress chat, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>(right, total) answers to one quiz in one chat.</summary>
    Task<(int Right, int Total)> GetTallyAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>Posts on <paramref name="platform"/> closed at <paramref name="now"/> and not yet revealed, oldest first.</summary>
    Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(ChatPlatform platform, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task MarkRevealedAsync(string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken cancellationToken);
}
