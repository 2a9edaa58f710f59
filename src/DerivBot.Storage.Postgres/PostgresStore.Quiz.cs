using DerivBot.Application.Persistence;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore : IQuizStore
{
    public async Task SaveQuizAsync(StoredQuiz quiz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, """
            INSERT INTO quizzes (id, symbol, kind, language, question, options_json, correct_option, explanation, created_at)
            VALUES (@id, @symbol, @kind, @lang, @question, @options, @correct, @explanation, @created)
            ON CONFLICT DO NOTHING
            """, cancellationToken,
            ("id", quiz.Id), ("symbol", quiz.Symbol), ("kind", quiz.Kind.ToString()), ("lang", quiz.Language.ToCode()),
            ("question", quiz.Question), ("options", QuizRows.OptionsJson(quiz)), ("correct", quiz.CorrectOption),
            ("explanation", quiz.Explanation), ("created", DbValues.Ms(quiz.CreatedAt))).ConfigureAwait(false);
    }

    public async Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, """
            INSERT INTO quiz_posts (quiz_id, platform, chat_id, thread_id, poll_id, posted_at, closes_at)
            SELECT @quiz, @platform, @chat, @thread, @poll, @posted, @closes WHERE EXISTS (SELECT 1 FROM quizzes WHERE id = @quiz)
            ON CONFLICT DO NOTHING
            """,
            ("quiz", quizId), ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", DbValues.Thread(chat)),
            ("posted", DbValues.Ms(postedAt)), ("closes", DbValues.Ms(closesAt)));
        cmd.Parameters.Add(PgSql.Typed("poll", NpgsqlDbType.Text, pollId));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
