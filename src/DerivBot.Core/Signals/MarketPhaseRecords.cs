namespace DerivBot.Core.Signals;

public enum MarketPhase
{
    Neutral,
    HealthyGrowth,
    LeverageBubble,
    Deleveraging,
}

/// <param name="OiChange">OI contracts change over the window (fraction).</param>
/// <param name="LiquidationIntensity">Liquidated USD over the window / current OI USD.</param>
public sealed record MarketPhaseSignal(
    SignalStatus Status,
    MarketPhase Phase,
    TimeSpan Window,
    decimal? OiChange,
    decimal? FundingPer8h,
    FundingLevel FundingLevel,
    decimal? LiquidationIntensity,
    MarketPhaseOptions Thresholds,
    SignalReason Reason);
