namespace DerivBot.Core.Signals;

/// <summary>Realised liquidations. Section <c>Signals:Liquidations</c>.</summary>
public sealed class LiquidationSignalOptions
{
    /// <summary>How many of the largest events (last 24 h) to report. Default 5.</summary>
    public int LargestCount { get; set; } = 5;

    /// <summary>Recent window whose busiest minute is tested for a cascade. Default 10 min.</summary>
    public TimeSpan CascadeLookback { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Window before the lookback over which the baseline USD per minute is averaged. Default 24 h.</summary>
    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Shortest observed span for a usable baseline; shorter histories use only <see cref="CascadeMinUsdPerMinute"/>. Default 1 h.</summary>
    public TimeSpan MinBaselineSpan { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Busiest-minute USD at or above this multiple of the baseline USD per minute is a cascade. Default 10.</summary>
    public decimal CascadeMultiplier { get; set; } = 10m;

    /// <summary>Busiest-minute USD must also reach this floor (USD per minute). Default 250 000.</summary>
    public decimal CascadeMinUsdPerMinute { get; set; } = 250_000m;
}
