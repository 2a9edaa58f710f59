using System.Text.Json;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Study;
using Npgsql;
using NpgsqlTypes;

namespace DerivBot.Storage.Postgres;

public sealed partial class PostgresStore : IQuizStore
{
    private const string PostColumns = """
        q.id, q.symbol, q.kind, q.language, q.question, q.options_json, q.correct_option, q.explanation, q.created_at,
        p.platform, p.chat_id, p.thread_id, p.poll_id, p.posted_at, p.closes_at
        FROM quiz_posts p JOIN quizzes q ON q.id = p.quiz_id
        """;

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
            ("question", quiz.Question), ("options", JsonSerializer.Serialize(quiz.Options)), ("correct", quiz.CorrectOption),
            ("explanation", quiz.Explanation), ("created", PgSql.Ms(quiz.CreatedAt))).ConfigureAwait(false);
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
            ("quiz", quizId), ("platform", PgSql.Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", PgSql.Thread(chat)),
            ("posted", PgSql.Ms(postedAt)), ("closes", PgSql.Ms(closesAt)));
        cmd.Parameters.Add(new NpgsqlParameter("poll", NpgsqlDbType.Text) { Value = (object?)pollId ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<QuizPost?> GetPostAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var posts = await ReadPostsAsync("SELECT " + PostColumns + " WHERE p.quiz_id = @quiz AND p.platform = @platform AND p.chat_id = @chat ORDER BY p.posted_at LIMIT 1",
            cancellationToken, ("quiz", quizId), ("platform", PgSql.Platform(chat.Platform)), ("chat", chat.ChatId)).ConfigureAwait(false);
        return posts.Count == 0 ? null : posts[0];
    }

    public async Task<QuizPost?> GetPostByPollAsync(string pollId, CancellationToken cancellationToken)
    {
        var posts = await ReadPostsAsync("SELECT " + PostColumns + " WHERE p.poll_id = @poll LIMIT 1", cancellationToken, ("poll", pollId)).ConfigureAwait(false);
        return posts.Count == 0 ? null : posts[0];
    }

    public async Task<bool> RecordAnswerAsync(QuizAnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await c.ExecuteAsync(null, """
            INSERT INTO quiz_answers (quiz_id, platform, chat_id, user_id, display_name, option, correct, answered_at)
            SELECT @quiz, @platform, @chat, @user, @name, @option, @correct, @at WHERE EXISTS (SELECT 1 FROM quizzes WHERE id = @quiz)
            ON CONFLICT DO NOTHING
            """, cancellationToken,
            ("quiz", answer.QuizId), ("platform", PgSql.Platform(answer.Chat.Platform)), ("chat", answer.Chat.ChatId), ("user", answer.UserId),
            ("name", answer.DisplayName), ("option", answer.Option), ("correct", answer.Correct), ("at", PgSql.Ms(answer.AnsweredAt))).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task<IReadOnlyList<QuizScore>> GetScoresAsync(ChatAddress chat, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The name is the one of the user's latest answer (people rename themselves). COLLATE "C": ordinal like SQLite.
        await using var cmd = c.Command(null, """
            SELECT a.user_id, COUNT(*) FILTER (WHERE a.correct), COUNT(*),
                   (SELECT b.display_name COLLATE "C" FROM quiz_answers b WHERE b.platform = a.platform AND b.chat_id = a.chat_id AND b.user_id = a.user_id
                    ORDER BY b.answered_at DESC LIMIT 1) AS name
            FROM quiz_answers a
            WHERE a.platform = @platform AND a.chat_id = @chat AND a.answered_at >= @since
            GROUP BY a.platform, a.chat_id, a.user_id
            ORDER BY 2 DESC, 3 ASC, 4 ASC
            """, ("platform", PgSql.Platform(chat.Platform)), ("chat", chat.ChatId), ("since", since == DateTimeOffset.MinValue ? long.MinValue : PgSql.Ms(since)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<QuizScore>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new QuizScore(r.GetString(0), r.GetString(3), (int)r.GetInt64(1), (int)r.GetInt64(2)));
        }
        return list;
    }

    public async Task<(int Right, int Total)> GetTallyAsync(string quizId, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.Command(null, "SELECT COUNT(*) FILTER (WHERE correct), COUNT(*) FROM quiz_answers WHERE quiz_id = @quiz AND platform = @platform AND chat_id = @chat",
            ("quiz", quizId), ("platform", PgSql.Platform(chat.Platform)), ("chat", chat.ChatId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ((int)r.GetInt64(0), (int)r.GetInt64(1)) : (0, 0);
    }

    public Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(ChatPlatform platform, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ReadPostsAsync("SELECT " + PostColumns + " WHERE p.platform = @platform AND p.revealed_at IS NULL AND p.closes_at <= @now ORDER BY p.closes_at LIMIT @max",
            cancellationToken, ("platform", PgSql.Platform(platform)), ("now", PgSql.Ms(now)), ("max", max));

    public async Task MarkRevealedAsync(string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var c = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(null, "UPDATE quiz_posts SET revealed_at = @at WHERE quiz_id = @quiz AND platform = @platform AND chat_id = @chat AND thread_id = @thread",
            cancellationToken, ("at", PgSql.Ms(at)), ("quiz", quizId), ("platform", PgSql.Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", PgSql.Thread(chat))).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<QuizPost>> ReadPostsAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var c = await _database.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.Command(null, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<QuizPost>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(ReadPost(r));
        }
        return list;
    }

    private static QuizPost ReadPost(NpgsqlDataReader r)
    {
        var quiz = new StoredQuiz(r.GetString(0), r.GetString(1), Enum.Parse<QuizKind>(r.GetString(2)), PgSql.Language(r.GetString(3)), r.GetString(4),
            JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? [], r.GetInt32(6), r.GetString(7), PgSql.Time(r.GetInt64(8)));
        var chat = PgSql.Address(r.GetString(9), r.GetString(10), r.GetString(11));
        return new QuizPost(quiz, chat, r.IsDBNull(12) ? null : r.GetString(12), PgSql.Time(r.GetInt64(13)), PgSql.Time(r.GetInt64(14)));
    }
}
