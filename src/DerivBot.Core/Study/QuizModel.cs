using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Study;

/// <summary>The quiz kinds (names are stable: they appear in commands, storage and JSON).</summary>
public enum QuizKind
{
    /// <summary>Which funding × OI quadrant state is the market in?</summary>
    Quadrant,
    /// <summary>Which venue pays the highest funding right now (8 h-equivalent)?</summary>
    Venues,
    /// <summary>Is funding now above its 30-day median of settled rates?</summary>
    Funding,
    /// <summary>Which side took more liquidations in the last 24 h?</summary>
    Liquidations,
}

/// <summary>
/// A quiz question as facts, before wording: option ids (quadrant state names, venue ids, "yes"/"no",
/// "long"/"short"), the right one, and the numbers the explanation quotes.
/// </summary>
/// <param name="Options">Option ids in display order.</param>
/// <param name="CorrectOption">0-based index into <paramref name="Options"/>.</param>
/// <param name="Reason">Code <c>quiz.{kind}</c> with the values behind the answer (fractions, USD).</param>
public sealed record QuizModel(QuizKind Kind, Symbol Symbol, IReadOnlyList<string> Options, int CorrectOption, SignalReason Reason, DateTimeOffset AsOf)
{
    /// <summary>Venues quiz: the venue with the second-highest rate (the explanation quotes it).</summary>
    public string? RunnerUp { get; init; }
}
