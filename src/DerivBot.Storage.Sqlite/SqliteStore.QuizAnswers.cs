using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;

namespace DerivBot.Storage;

public sealed partial class SqliteStore
{
    public async Task<bool> RecordAnswerAsync(QuizAnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await c.ExecuteAsync(null, """
            INSERT OR IGNORE INTO quiz_answers (quiz_id, platform, chat_id, user_id, display_name, option, correct, answered_at)
            SELECT @quiz, @platform, @chat, @user, @name, @option, @correct, @at WHERE EXISTS (SELECT 1 FROM quizzes WHERE id = @quiz)
            """, cancellationToken,
            ("quiz", answer.QuizId), ("platform", DbValues.Platform(answer.Chat.Platform)), ("chat", answer.Chat.ChatId), ("user", answer.UserId),
            ("name", answer.DisplayName), ("option", answer.Option), ("correct", answer.Correct ? 1 : 0), ("at", DbValues.Ms(answer.AnsweredAt))).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task<IReadOnlyList<QuizScore>> GetScoresAsync(ChatAddress chat, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The name is the one of the user's latest answer (people rename themselves).
        await using var cmd = c.Command(null, """
            SELECT a.user_id, SUM(a.correct), COUNT(*),
                   (SELECT b.display_name FROM quiz_answers b WHERE b.platform = a.platform AND b.chat_id = a.chat_id AND b.user_id = a.user_id
                    ORDER BY b.answered_at DESC LIMIT 1) AS name
            FROM quiz_answers a
            WHERE a.platform = @platform AND a.chat_id = @chat AND a.answered_at >= @since
            GROUP BY a.user_id
            ORDER BY SUM(a.correct) DESC, COUNT(*) ASC, name ASC
            """, ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId), ("since", QuizRows.Since(since)));
        return await cmd.ReadAllAsync(QuizRows.ReadScore, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(int Right, int Total)> GetTallyAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT COALESCE(SUM(correct), 0), COUNT(*) FROM quiz_answers WHERE quiz_id = @quiz AND platform = @platform AND chat_id = @chat",
            ("quiz", quizId), ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? (r.Count(0), r.Count(1)) : (0, 0);
    }
}
