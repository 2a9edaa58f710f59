using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Study;

/// <summary>
/// Scores quiz answers: the first answer of a user to a quiz in a chat counts, if it arrives before the quiz closes.
/// Answers are keyed on the chat (not the forum topic) so a group's scoreboard covers all its topics.
/// </summary>
public sealed class QuizBook(IQuizStore store, ILocalizer localizer, IOptions<QuizOptions> options, IChatRegistry? registry = null) : IQuizBook
{
    public TimeSpan OpenPeriod => options.Value.OpenPeriod;

    public Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return store.RecordPostAsync(quizId, chat, pollId, postedAt, postedAt + OpenPeriod, cancellationToken);
    }

    public async Task<QuizAnswerResult> AnswerAsync(string quizId, ChatAddress chat, QuizPlayer player, int option, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var post = await store.GetPostAsync(quizId, chat, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            var language = registry is null ? Language.En : (await registry.GetOrCreateAsync(chat with { ThreadId = null }, null, cancellationToken).ConfigureAwait(false)).Language;
            return new QuizAnswerResult(QuizAnswerStatus.Unknown, localizer.Get(language, "quiz.answer.unknown"));
        }
        return await ScoreAsync(post, player, option, at, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QuizAnswerResult> AnswerPollAsync(string pollId, QuizPlayer player, int? option, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var post = await store.GetPostByPollAsync(pollId, cancellationToken).ConfigureAwait(false);
        if (post is null || option is null)
        {
            return new QuizAnswerResult(QuizAnswerStatus.Unknown, localizer.Get(post?.Quiz.Language ?? Language.En, "quiz.answer.unknown"));
        }
        return await ScoreAsync(post, player, option.Value, at, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QuizAnswerResult> ScoreAsync(QuizPost post, QuizPlayer player, int option, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(player);
        var quiz = post.Quiz;
        var t = new Texts(localizer, quiz.Language);
        var answer = quiz.Options[quiz.CorrectOption];
        if (option < 0 || option >= quiz.Options.Count)
        {
            return new QuizAnswerResult(QuizAnswerStatus.Unknown, t["quiz.answer.unknown"]);
        }
        if (at > post.ClosesAt)
        {
            return new QuizAnswerResult(QuizAnswerStatus.Closed, t.Get("quiz.answer.closed", ("answer", answer), ("explanation", quiz.Explanation)));
        }
        var correct = option == quiz.CorrectOption;
        var stored = await store.RecordAnswerAsync(
            new QuizAnswerRecord(quiz.Id, post.Chat with { ThreadId = null }, player.UserId, player.DisplayName, option, correct, at), ct).ConfigureAwait(false);
        if (!stored)
        {
            return new QuizAnswerResult(QuizAnswerStatus.AlreadyAnswered, t["quiz.answer.already"]);
        }
        return correct
            ? new QuizAnswerResult(QuizAnswerStatus.Right, t.Get("quiz.answer.right", ("explanation", quiz.Explanation)))
            : new QuizAnswerResult(QuizAnswerStatus.Wrong, t.Get("quiz.answer.wrong", ("answer", answer), ("explanation", quiz.Explanation)));
    }
}
