using DerivBot.Application.Study;
using DerivBot.Core.Chat;

namespace DerivBot.Testing;

/// <summary>
/// The in-memory <see cref="IQuizStore"/>: same rules as the SQLite store (first post and first answer win, chats keyed
/// without the thread for answers, scores best first: most right, fewest answers, name). Both pass QuizStoreContract.
/// </summary>
public sealed class InMemoryQuizStore : IQuizStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredQuiz> _quizzes = new(StringComparer.Ordinal);
    private readonly List<(QuizPost Post, DateTimeOffset? RevealedAt)> _posts = [];
    private readonly List<QuizAnswerRecord> _answers = [];

    public Task SaveQuizAsync(StoredQuiz quiz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        lock (_gate)
        {
            _quizzes.TryAdd(quiz.Id, quiz);
        }
        return Task.CompletedTask;
    }

    public Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_quizzes.TryGetValue(quizId, out var quiz) && !_posts.Any(p => p.Post.Quiz.Id == quizId && p.Post.Chat == chat))
            {
                _posts.Add((new QuizPost(quiz, chat, pollId, postedAt, closesAt), null));
            }
        }
        return Task.CompletedTask;
    }

    public Task<QuizPost?> GetPostAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        lock (_gate)
        {
            return Task.FromResult(_posts.Select(p => p.Post)
                .Where(p => p.Quiz.Id == quizId && p.Chat.Platform == chat.Platform && p.Chat.ChatId == chat.ChatId)
                .OrderBy(p => p.PostedAt).FirstOrDefault());
        }
    }

    public Task<QuizPost?> GetPostByPollAsync(string pollId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_posts.Select(p => p.Post).FirstOrDefault(p => p.PollId == pollId));
        }
    }

    public Task<bool> RecordAnswerAsync(QuizAnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_gate)
        {
            if (!_quizzes.ContainsKey(answer.QuizId)
                || _answers.Any(a => a.QuizId == answer.QuizId && Same(a.Chat, answer.Chat) && a.UserId == answer.UserId))
            {
                return Task.FromResult(false);
            }
            _answers.Add(answer);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<QuizScore>> GetScoresAsync(ChatAddress chat, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<QuizScore> scores = _answers
                .Where(a => Same(a.Chat, chat) && a.AnsweredAt >= since)
                .GroupBy(a => a.UserId, StringComparer.Ordinal)
                .Select(g => new QuizScore(g.Key, g.OrderByDescending(a => a.AnsweredAt).First().DisplayName, g.Count(a => a.Correct), g.Count()))
                .OrderByDescending(s => s.Right).ThenBy(s => s.Total).ThenBy(s => s.DisplayName, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(scores);
        }
    }

    public Task<(int Right, int Total)> GetTallyAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var answers = _answers.Where(a => a.QuizId == quizId && Same(a.Chat, chat)).ToList();
            return Task.FromResult((answers.Count(a => a.Correct), answers.Count));
        }
    }

    public Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(ChatPlatform platform, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<QuizPost> due = _posts.Where(p => p.RevealedAt is null && p.Post.Chat.Platform == platform && p.Post.ClosesAt <= now)
                .Select(p => p.Post).OrderBy(p => p.ClosesAt).Take(max).ToList();
            return Task.FromResult(due);
        }
    }

    public Task MarkRevealedAsync(string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var i = _posts.FindIndex(p => p.Post.Quiz.Id == quizId && p.Post.Chat == chat);
            if (i >= 0)
            {
                _posts[i] = (_posts[i].Post, at);
            }
        }
        return Task.CompletedTask;
    }

    private static bool Same(ChatAddress a, ChatAddress b) => a.Platform == b.Platform && a.ChatId == b.ChatId;
}
