namespace DerivBot.Core.Signals;

/// <summary>Market phase from OI growth speed, funding extremes and liquidation intensity. Section <c>Signals:Phase</c>.</summary>
public sealed class MarketPhaseOptions
{
    /// <summary>Window for OI growth and liquidation intensity. Default 24 h.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>OI growth over the window at or above which the market is growing: fraction, 0.03 = 3 %. Default 0.03.</summary>
    public decimal GrowthMinChange { get; set; } = 0.03m;

    /// <summary>OI growth at or above which growth is "fast" (bubble candidate): fraction, 0.15 = 15 %. Default 0.15. Must exceed <see cref="GrowthMinChange"/>.</summary>
    public decimal BubbleOiChange { get; set; } = 0.15m;

    /// <summary>OI fall (positive fraction) at or beyond which the market is deleveraging: 0.08 = −8 %. Default 0.08.</summary>
    public decimal DeleveragingOiFall { get; set; } = 0.08m;

    /// <summary>Liquidated USD over the window as a fraction of OI USD that counts as intense: 0.01 = 1 % of OI. Default 0.01.</summary>
    public decimal HighLiquidationIntensity { get; set; } = 0.01m;
}
