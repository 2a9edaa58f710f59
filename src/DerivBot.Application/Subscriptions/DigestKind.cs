namespace DerivBot.Application.Subscriptions;

/// <summary>What a subscription posts. Ids are stable: they are stored in the database.</summary>
public enum DigestKind
{
    /// <summary>The funding × OI quadrant digest (<c>quadrant SYMBOL</c>).</summary>
    Quadrant = 0,
    /// <summary>The liquidation summary (<c>liq SYMBOL</c>).</summary>
    Liquidations = 1,
    /// <summary>The full dashboard (<c>signal SYMBOL</c>).</summary>
    Dashboard = 2,
    /// <summary>The funding-settlement recap (<c>funding SYMBOL</c>).</summary>
    FundingRecap = 3,
    /// <summary>The options positioning report (<c>options SYMBOL</c>: put/call, max pain, ATM IV).</summary>
    Options = 4,
    /// <summary>A quiz whose kind rotates by day (<c>quiz SYMBOL rotate</c>).</summary>
    Quiz = 5,
    /// <summary>The quadrant quiz every time (<c>quiz SYMBOL quadrant</c>).</summary>
    QuizQuadrant = 6,
    /// <summary>The venues quiz every time.</summary>
    QuizVenues = 7,
    /// <summary>The funding-median quiz every time.</summary>
    QuizFunding = 8,
    /// <summary>The liquidation-side quiz every time.</summary>
    QuizLiquidations = 9,
    /// <summary>The weekly recap of one symbol, or of every symbol the chat subscribes to when the symbol is <see cref="DigestKindExtensions.AllSymbols"/>.</summary>
    Recap = 10,
}
