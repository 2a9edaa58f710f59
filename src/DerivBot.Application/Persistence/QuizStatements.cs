using System.Data.Common;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;

namespace DerivBot.Application.Persistence;

/// <summary>The quiz reads and updates both databases run alike (writes that ignore duplicates stay in each store).</summary>
public static class QuizStatements
{
    public static async Task<QuizPost?> GetPostAsync(DbConnection c, string quizId, ChatAddress chat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return await c.QueryFirstAsync(null, "SELECT " + QuizRows.PostColumns + " WHERE p.quiz_id = @quiz AND p.platform = @platform AND p.chat_id = @chat ORDER BY p.posted_at LIMIT 1",
            QuizRows.ReadPost, ct, ("quiz", quizId), ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId)).ConfigureAwait(false);
    }

    public static Task<QuizPost?> GetPostByPollAsync(DbConnection c, string pollId, CancellationToken ct) =>
        c.QueryFirstAsync(null, "SELECT " + QuizRows.PostColumns + " WHERE p.poll_id = @poll LIMIT 1", QuizRows.ReadPost, ct, ("poll", pollId));

    public static async Task<IReadOnlyList<QuizPost>> GetUnrevealedAsync(DbConnection c, ChatPlatform platform, DateTimeOffset now, int max, CancellationToken ct) =>
        await c.QueryAsync(null, "SELECT " + QuizRows.PostColumns + " WHERE p.platform = @platform AND p.revealed_at IS NULL AND p.closes_at <= @now ORDER BY p.closes_at LIMIT @max",
            QuizRows.ReadPost, ct, ("platform", DbValues.Platform(platform)), ("now", DbValues.Ms(now)), ("max", max)).ConfigureAwait(false);

    public static Task<int> MarkRevealedAsync(DbConnection c, string quizId, ChatAddress chat, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return c.ExecuteAsync(null, "UPDATE quiz_posts SET revealed_at = @at WHERE quiz_id = @quiz AND platform = @platform AND chat_id = @chat AND thread_id = @thread",
            ct, ("at", DbValues.Ms(at)), ("quiz", quizId), ("platform", DbValues.Platform(chat.Platform)), ("chat", chat.ChatId), ("thread", DbValues.Thread(chat)));
    }
}
