namespace DerivBot.Core.Signals;

/// <summary>Funding thresholds. Section <c>Signals:Funding</c>.</summary>
public sealed class FundingSignalOptions
{
    /// <summary>Absolute funding at or above which it is "elevated": fraction per 8 h, 0.0005 = 0.05 %. Default 0.0005.</summary>
    public decimal ElevatedPer8h { get; set; } = 0.0005m;

    /// <summary>Absolute funding at or above which it is "extreme": fraction per 8 h, 0.001 = 0.1 %. Default 0.001. Must exceed <see cref="ElevatedPer8h"/>.</summary>
    public decimal ExtremePer8h { get; set; } = 0.001m;

    /// <summary>Percentile (0..1) of the symbol's own settled history at or above which the current rate is a high extreme. Default 0.95.</summary>
    public double HighPercentile { get; set; } = 0.95;

    /// <summary>Percentile (0..1) at or below which the current rate is a low extreme. Default 0.05. Must be below <see cref="HighPercentile"/>.</summary>
    public double LowPercentile { get; set; } = 0.05;

    /// <summary>Fewest settlements in a window before its percentile is reported. Default 9 (3 days of 8 h settlements).</summary>
    public int MinPercentileSamples { get; set; } = 9;
}
