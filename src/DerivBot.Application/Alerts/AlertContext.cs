using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Alerts;

/// <summary>What an evaluation saw: whether the condition holds, and the observed value as display text.</summary>
/// <param name="Available">False when the data needed is missing (too little history, no classifier): the rule neither fires nor re-arms.</param>
public sealed record AlertObservation(bool Available, bool Holds, string ValueText)
{
    public static AlertObservation Unavailable { get; } = new(false, false, "–");

    /// <summary>For liq5m: the venues whose liquidations make up the total (USD each, largest first; they sum to the
    /// total). Empty for every other metric.</summary>
    public IReadOnlyList<LiquidationVenueUsd> Venues { get; init; } = [];
}

/// <summary>One venue's part of a liq5m total.</summary>
/// <param name="Venue">Venue id (<c>binance</c>, <c>bybit</c>, <c>okx</c>, <c>gate</c>, <c>replay:binance</c>).</param>
/// <param name="Usd">Liquidated notional of that venue in the window, USD.</param>
public sealed record LiquidationVenueUsd(string Venue, decimal Usd);

/// <summary>Everything an evaluation may read about one symbol at one instant.</summary>
/// <param name="FundingHistory">Settled funding merged from the snapshot and the bot's own 90-day history, oldest first.</param>
/// <param name="RecentLiquidationsUsd">Liquidated notional in the last 5 minutes (stream window and snapshot, whichever saw more).</param>
/// <param name="Quadrant">The quadrant state, or null when no classifier is available.</param>
/// <param name="PutCallOiRatio">The coin's put/call open-interest ratio on the options venue, or null when unknown.</param>
/// <param name="RecentLiquidationsByVenue">The venues that make up <paramref name="RecentLiquidationsUsd"/> (null: not split).</param>
public sealed record AlertContext(
    MarketSnapshot Snapshot,
    DateTimeOffset Now,
    IReadOnlyList<FundingRatePoint> FundingHistory,
    decimal RecentLiquidationsUsd,
    QuadrantState? Quadrant,
    decimal? PutCallOiRatio = null,
    IReadOnlyList<LiquidationVenueUsd>? RecentLiquidationsByVenue = null);
