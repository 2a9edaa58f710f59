namespace DerivBot.Core.Reports;

/// <summary>
/// A multiple-choice question with its answer. Telegram sends it as a native quiz poll (sendPoll, type quiz); Discord
/// shows the question with one button per option and reveals the answer when the quiz closes; text renderers print
/// the question and the options. Everything in it is final text in the chat's language.
/// </summary>
/// <param name="QuizId">Stable id of the stored quiz: answers and posts refer to it.</param>
/// <param name="Question">1–300 characters (Telegram's poll question limit).</param>
/// <param name="Options">2–10 options, each 1–100 characters.</param>
/// <param name="CorrectOption">0-based index into <paramref name="Options"/>.</param>
/// <param name="Explanation">At most 200 characters and 2 line feeds (Telegram's quiz explanation limit); built from the numbers behind the answer.</param>
public sealed record QuizBlock(string QuizId, string Question, IReadOnlyList<string> Options, int CorrectOption, string Explanation) : ReportBlock
{
    public const int QuestionLimit = 300;
    public const int OptionLimit = 100;
    public const int MaxOptions = 10;
    public const int ExplanationLimit = 200;
}

/// <summary>Helpers to find the quiz in a report.</summary>
public static class QuizReports
{
    /// <summary>The report's quiz, or null when it is not a quiz.</summary>
    public static QuizBlock? Quiz(this Report report) => report?.Blocks.OfType<QuizBlock>().FirstOrDefault();
}
