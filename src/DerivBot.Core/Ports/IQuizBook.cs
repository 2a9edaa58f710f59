using DerivBot.Core.Chat;

namespace DerivBot.Core.Ports;

/// <summary>Who answered: the platform's user id (stored, never shown) and the name shown on the scoreboard.</summary>
/// <param name="UserId">Telegram user id or Discord user snowflake, as text.</param>
/// <param name="DisplayName">"@username" when the user has one, else the first name (Discord: global name, else username).</param>
public sealed record QuizPlayer(string UserId, string DisplayName);

public enum QuizAnswerStatus
{
    /// <summary>First answer of this user to this quiz in this chat, and it was right.</summary>
    Right,
    /// <summary>First answer, wrong.</summary>
    Wrong,
    /// <summary>The user had already answered; the first answer stands.</summary>
    AlreadyAnswered,
    /// <summary>The quiz closed before the answer arrived; not scored.</summary>
    Closed,
    /// <summary>No such quiz (or poll) is known; not scored.</summary>
    Unknown,
}

/// <summary>What happened to an answer, with a short reply for the answerer in the quiz's language (Discord shows
/// it ephemerally; Telegram shows its own quiz feedback, so the text is unused there).</summary>
public sealed record QuizAnswerResult(QuizAnswerStatus Status, string Text);

/// <summary>
/// Where platforms report quiz posts and answers. Quizzes themselves are created by the quiz command (a
/// <see cref="Reports.QuizBlock"/> in its report); the platform tells the book where each one was posted and who
/// answered what. Answers are stored per chat and user when they arrive.
/// </summary>
public interface IQuizBook
{
    /// <summary>Records that quiz <paramref name="quizId"/> was posted to <paramref name="chat"/> at <paramref name="postedAt"/>;
    /// it closes one open period later. <paramref name="pollId"/> is Telegram's poll id (poll_answer updates carry only it).</summary>
    Task RecordPostAsync(string quizId, ChatAddress chat, string? pollId, DateTimeOffset postedAt, CancellationToken cancellationToken);

    /// <summary>How long a posted quiz stays open (Telegram's open_period, Discord's reveal delay).</summary>
    TimeSpan OpenPeriod { get; }

    /// <summary>A Discord button press: option <paramref name="option"/> of quiz <paramref name="quizId"/> in <paramref name="chat"/>.</summary>
    Task<QuizAnswerResult> AnswerAsync(string quizId, ChatAddress chat, QuizPlayer player, int option, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A Telegram poll_answer: the chat is the one the poll was posted to. A retracted vote (no option) is ignored (Unknown).</summary>
    Task<QuizAnswerResult> AnswerPollAsync(string pollId, QuizPlayer player, int? option, DateTimeOffset at, CancellationToken cancellationToken);
}
