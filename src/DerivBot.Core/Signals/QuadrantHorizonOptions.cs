namespace DerivBot.Core.Signals;

/// <summary>
/// One quadrant horizon as configured (<c>Signals:Quadrant:Horizons:N</c>). Thresholds left unset scale from the
/// reference ones on <see cref="QuadrantOptions"/> by √(Window / <c>Signals:Quadrant:Window</c>).
/// </summary>
public sealed class QuadrantHorizonOptions
{
    /// <summary>How far back OI change and funding movement are measured, e.g. "04:00:00" or "1.00:00:00". Required.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>OI (contracts) change over this window at or above which OI is "rising": fraction, 0.04 = +4 %.</summary>
    public decimal? OiRisingChange { get; set; }

    /// <summary>Absolute OI change over this window at or below which OI is "flat": fraction, 0.025 = ±2.5 %. Must be below OiRisingChange and OiSharpFall.</summary>
    public decimal? OiFlatChange { get; set; }

    /// <summary>OI fall over this window (positive fraction) at or beyond which OI is "falling sharply": 0.12 = −12 %.</summary>
    public decimal? OiSharpFall { get; set; }

    /// <summary>Funding rise over this window that counts as "rising": fraction per 8 h, 0.0001 = 0.01 %.</summary>
    public decimal? FundingRiseMinPer8h { get; set; }
}

/// <summary>A quadrant horizon with every threshold resolved (fractions; funding per 8 h).</summary>
public sealed record QuadrantHorizon(TimeSpan Window, decimal OiRisingChange, decimal OiFlatChange, decimal OiSharpFall, decimal FundingRiseMinPer8h);
