namespace DerivBot.Application.Study;

/// <summary>Quiz settings. Section: <c>Quiz</c>.</summary>
public sealed class QuizOptions
{
    public const string Section = "Quiz";

    /// <summary>How long a posted quiz takes answers (Telegram open_period; Discord reveals after it). Default 10 min;
    /// 30 s to 7 days (Telegram accepts 5 s to ~30 days).</summary>
    public TimeSpan OpenPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often closed Discord quizzes are looked for and revealed. Default 30 s.</summary>
    public TimeSpan RevealCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many players <c>/scores</c> lists, 1–50. Default 10.</summary>
    public int ScoreboardSize { get; set; } = 10;
}
