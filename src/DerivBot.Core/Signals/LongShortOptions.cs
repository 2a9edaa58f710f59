namespace DerivBot.Core.Signals;

/// <summary>Long/short and taker ratios. Section <c>Signals:LongShort</c>.</summary>
public sealed class LongShortOptions
{
    /// <summary>History the percentile is taken over (as far as it reaches). Default 30 days.</summary>
    public TimeSpan PercentileWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Percentile (0..1) at or above which a ratio is a high extreme. Default 0.9.</summary>
    public double HighPercentile { get; set; } = 0.9;

    /// <summary>Percentile (0..1) at or below which a ratio is a low extreme. Default 0.1.</summary>
    public double LowPercentile { get; set; } = 0.1;

    /// <summary>Fewest samples before a percentile is reported. Default 24.</summary>
    public int MinSamples { get; set; } = 24;

    /// <summary>
    /// Most history samples ranked per series: longer histories are thinned evenly (every k-th sample, newest kept)
    /// so a 30-day window of 5-minute points costs the same as ~3.5 days. Default 1000 (percentile error ≈ 0.1 %).
    /// </summary>
    public int MaxSamples { get; set; } = 1000;
}
