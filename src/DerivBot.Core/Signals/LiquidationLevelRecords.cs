using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>An estimated outstanding liquidation level.</summary>
/// <param name="Price">Price at which these positions would be liquidated.</param>
/// <param name="NotionalUsd">Estimated notional at risk there, USD.</param>
public readonly record struct LiquidationLevel(PositionSide Side, decimal Price, decimal NotionalUsd);

/// <summary>The current estimated profile: totals and the largest clusters on each side of the mark.</summary>
public sealed record LiquidationProfile(
    decimal MarkPrice,
    decimal TotalLongUsd,
    decimal TotalShortUsd,
    IReadOnlyList<LiquidationCluster> LongClusters,
    IReadOnlyList<LiquidationCluster> ShortClusters);

/// <summary>Output of <see cref="LiquidationLevels.Build"/>.</summary>
/// <param name="Grid">Heatmap grid, one column per bar; null when there was too little data.</param>
/// <param name="Profile">Profile after the last bar; null when there was too little data.</param>
public sealed record LiquidationLevelResult(
    SignalStatus Status,
    LiquidationLevelGrid? Grid,
    LiquidationProfile? Profile,
    int BarsApplied,
    SignalReason Reason);
