using System.Data.Common;
using System.Text.Json;
using DerivBot.Application.Study;
using DerivBot.Core.Study;

namespace DerivBot.Application.Persistence;

/// <summary>Quiz post and score rows as both stores select them (posts <c>p</c> joined to their quiz <c>q</c>).</summary>
public static class QuizRows
{
    /// <summary>The select list and FROM of a post with its quiz, in the order <see cref="ReadPost"/> expects them.</summary>
    public const string PostColumns = """
        q.id, q.symbol, q.kind, q.language, q.question, q.options_json, q.correct_option, q.explanation, q.created_at,
        p.platform, p.chat_id, p.thread_id, p.poll_id, p.posted_at, p.closes_at
        FROM quiz_posts p JOIN quizzes q ON q.id = p.quiz_id
        """;

    public static QuizPost ReadPost(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var quiz = new StoredQuiz(r.GetString(0), r.GetString(1), Enum.Parse<QuizKind>(r.GetString(2)), DbValues.Language(r.GetString(3)), r.GetString(4),
            JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? [], r.GetInt32(6), r.GetString(7), r.Time(8));
        return new QuizPost(quiz, r.Address(9), r.StringOrNull(12), r.Time(13), r.Time(14));
    }

    /// <summary>A score row: user id, right answers, answers, display name.</summary>
    public static QuizScore ReadScore(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new QuizScore(r.GetString(0), r.GetString(3), r.Count(1), r.Count(2));
    }

    /// <summary>The options as stored in <c>options_json</c>.</summary>
    public static string OptionsJson(StoredQuiz quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        return JsonSerializer.Serialize(quiz.Options);
    }

    /// <summary>The <c>since</c> bound of a score query: all time for <see cref="DateTimeOffset.MinValue"/>.</summary>
    public static long Since(DateTimeOffset since) => since == DateTimeOffset.MinValue ? long.MinValue : DbValues.Ms(since);
}
