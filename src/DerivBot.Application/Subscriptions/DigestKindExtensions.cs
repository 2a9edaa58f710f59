using DerivBot.Core.Markets;

namespace DerivBot.Application.Subscriptions;

public static class DigestKindExtensions
{
    /// <summary>The query command whose reply is the digest (rendered once per symbol, kind and language).</summary>
    public static string QueryCommand(this DigestKind kind) => kind switch
    {
        DigestKind.Quadrant => "quadrant",
        DigestKind.Liquidations => "liq",
        DigestKind.Dashboard => "signal",
        DigestKind.FundingRecap => "funding",
        DigestKind.Options => "options",
        DigestKind.Recap => "recap",
        DigestKind.Quiz or DigestKind.QuizQuadrant or DigestKind.QuizVenues or DigestKind.QuizFunding or DigestKind.QuizLiquidations => "quiz",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The arguments of <see cref="QueryCommand"/> for <paramref name="symbol"/>.</summary>
    public static string QueryArguments(this DigestKind kind, Symbol symbol) => kind switch
    {
        DigestKind.Quiz => symbol.Value + " rotate",
        DigestKind.QuizQuadrant => symbol.Value + " quadrant",
        DigestKind.QuizVenues => symbol.Value + " venues",
        DigestKind.QuizFunding => symbol.Value + " funding",
        DigestKind.QuizLiquidations => symbol.Value + " liq",
        DigestKind.Recap when symbol == AllSymbols => "",
        _ => symbol.Value,
    };

    /// <summary>True for the quiz kinds: each render is a new quiz.</summary>
    public static bool IsQuiz(this DigestKind kind) => kind is >= DigestKind.Quiz and <= DigestKind.QuizLiquidations;

    /// <summary>True when the digest's content depends on the chat (its subscriptions, its quiz scores): rendered per chat.</summary>
    public static bool IsPerChat(this DigestKind kind) => kind == DigestKind.Recap;

    /// <summary>The symbol stored for a recap of all the chat's subscribed symbols.</summary>
    public static readonly Symbol AllSymbols = new("*");
}
