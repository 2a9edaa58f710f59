namespace DerivBot.Core.Signals;

/// <summary>Open-interest thresholds. Section <c>Signals:OpenInterest</c>.</summary>
public sealed class OpenInterestSignalOptions
{
    /// <summary>
    /// How far (fraction of the window) the OI point used as a window's start may lie before the ideal start
    /// when the series has gaps; beyond it the change is reported as missing. Default 0.25 (15 min for a 1 h window).
    /// </summary>
    public double MaxStartGapFraction { get; set; } = 0.25;

    /// <summary>Fewest historical window changes needed before a z-score is reported. Default 24.</summary>
    public int MinZScoreSamples { get; set; } = 24;
}
