namespace DerivBot.Core.Signals;

/// <summary>Price × OI regime over a window.</summary>
public enum PriceOiRegime
{
    /// <summary>Price or OI moved less than the thresholds.</summary>
    Indecisive,
    /// <summary>Price up, OI up: new longs, trend strengthening.</summary>
    NewLongs,
    /// <summary>Price up, OI down: short covering, trend weakening.</summary>
    ShortCovering,
    /// <summary>Price down, OI up: new shorts.</summary>
    NewShorts,
    /// <summary>Price down, OI down: longs capitulating.</summary>
    LongCapitulation,
}

/// <summary>Funding/OI divergences.</summary>
public enum FundingOiDivergence
{
    None,
    /// <summary>High funding while OI falls: longs pay up but leave; topping risk.</summary>
    ToppingRisk,
    /// <summary>Low or negative funding while OI rises: shorts build up; bottoming setup.</summary>
    BottomingSetup,
}

public sealed record PriceOiSignal(
    SignalStatus Status,
    TimeSpan Window,
    decimal? PriceChange,
    decimal? OiChange,
    decimal? FundingPer8h,
    PriceOiRegime Regime,
    FundingOiDivergence Divergence,
    PriceOiOptions Thresholds,
    decimal ElevatedFundingPer8h,
    SignalReason Reason);
