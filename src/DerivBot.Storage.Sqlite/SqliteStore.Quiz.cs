using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Storage;

public sealed partial class SqliteStore : IQuizStore
{
    public async Task SaveQuizAsync(StoredQuiz quiz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            INSERT OR IGNORE INTO quizzes (id, symbol, kind, language, question, options_json, correct_option, explanation, created_at)
            VALUES ($id, $symbol, $kind, $lang, $question, $options, $correct, $explanation, $created)
            """, cancellationToken,
            ("$id", quiz.Id), ("$symbol", quiz.Symbol), ("$kind", quiz.Kind.ToString()), ("$lang", quiz.Language.ToCode()),
            ("$question", quiz.Question), ("$options", QuizRows.OptionsJson(quiz)), ("$correct", quiz.CorrectOption),
            ("$explanation", quiz.Explanation), ("$created", DbValues.Ms(quiz.CreatedAt))).ConfigureAwait(false);
    }

    public async Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            INSERT OR IGNORE INTO quiz_posts (quiz_id, platform, chat_id, thread_id, poll_id, posted_at, closes_at)
            SELECT $quiz, $platform, $chat, $thread, $poll, $posted, $closes WHERE EXISTS (SELECT 1 FROM quizzes WHERE id = $quiz)
            """, cancellationToken,
            ("$quiz", quizId), ("$platform", DbValues.Platform(chat.Platform)), ("$chat", chat.ChatId), ("$thread", DbValues.Thread(chat)),
            ("$poll", pollId), ("$posted", DbValues.Ms(postedAt)), ("$closes", DbValues.Ms(closesAt))).ConfigureAwait(false);
    }

    public async Task<QuizPost?> GetPostAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var posts = await ReadPostsAsync("SELECT " + QuizRows.PostColumns + " WHERE p.quiz_id = $quiz AND p.platform = $platform AND p.chat_id = $chat ORDER BY p.posted_at LIMIT 1",
            cancellationToken, ("$quiz", quizId), ("$platform", DbValues.Platform(chat.Platform)), ("$chat", chat.ChatId)).ConfigureAwait(false);
        return posts.Count == 0 ? null : posts[0];
    }

    public async Task<QuizPost?> GetPostByPollAsync(string pollId, CancellationToken cancellationToken)
    {
        var posts = await ReadPostsAsync("SELECT " + QuizRows.PostColumns + " WHERE p.poll_id = $poll LIMIT 1", cancellationToken, ("$poll", pollId)).ConfigureAwait(false);
        return posts.Count == 0 ? null : posts[0];
    }

    public Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(ChatPlatform platform, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ReadPostsAsync("SELECT " + QuizRows.PostColumns + " WHERE p.platform = $platform AND p.revealed_at IS NULL AND p.closes_at <= $now ORDER BY p.closes_at LIMIT $max",
            cancellationToken, ("$platform", DbValues.Platform(platform)), ("$now", DbValues.Ms(now)), ("$max", max));

    public async Task MarkRevealedAsync(string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE quiz_posts SET revealed_at = $at WHERE quiz_id = $quiz AND platform = $platform AND chat_id = $chat AND thread_id = $thread",
            cancellationToken, ("$at", DbValues.Ms(at)), ("$quiz", quizId), ("$platform", DbValues.Platform(chat.Platform)), ("$chat", chat.ChatId), ("$thread", DbValues.Thread(chat))).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<QuizPost>> ReadPostsAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        return await c.QueryAsync(null, sql, QuizRows.ReadPost, ct, parameters).ConfigureAwait(false);
    }
}
