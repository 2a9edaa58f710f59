namespace DerivBot.Core.Signals;

/// <summary>
/// Every threshold the signal engine uses, bound to the <c>Signals</c> configuration section
/// (e.g. <c>Signals:Funding:ElevatedPer8h</c>). Rates are fractions (0.0001 = 0.01 %), windows are TimeSpans
/// ("04:00:00"), percentiles are fractions of the distribution (0.95 = 95th percentile).
/// Call <see cref="Validate"/> (the host does so on start) before using a bound instance.
/// </summary>
public sealed class SignalOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Signals";

    public FundingSignalOptions Funding { get; set; } = new();
    public OpenInterestSignalOptions OpenInterest { get; set; } = new();
    public QuadrantOptions Quadrant { get; set; } = new();
    public PriceOiOptions PriceOi { get; set; } = new();
    public LongShortOptions LongShort { get; set; } = new();
    public RsiOptions Rsi { get; set; } = new();
    public LiquidationSignalOptions Liquidations { get; set; } = new();
    public LiquidationLevelOptions LiquidationLevels { get; set; } = new();
    public MarketPhaseOptions Phase { get; set; } = new();

    /// <summary>Options positioning (put/call, max pain, ATM IV). Section <c>Signals:Options</c>.</summary>
    public OptionsSignalOptions Options { get; set; } = new();

    /// <summary>
    /// Checks that thresholds are usable and ordered. Each message names the full configuration key
    /// (<c>Signals:Funding:ElevatedPer8h</c>) so an operator can fix it. Empty when valid.
    /// </summary>
    public IReadOnlyList<string> Validate() => SignalOptionsValidation.Validate(this);
}

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

/// <summary>Price × OI regimes and funding/OI divergences. Section <c>Signals:PriceOi</c>.</summary>
public sealed class PriceOiOptions
{
    /// <summary>Window for the price and OI changes. Default 4 h.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Absolute price change below which price counts as unchanged: fraction, 0.005 = 0.5 %. Default 0.005.</summary>
    public decimal PriceMoveMin { get; set; } = 0.005m;

    /// <summary>Absolute OI change below which OI counts as unchanged: fraction, 0.01 = 1 %. Default 0.01.</summary>
    public decimal OiMoveMin { get; set; } = 0.01m;

    /// <summary>Funding at or below which it is "low" for the bottoming divergence: fraction per 8 h, 0.00005 = 0.005 %. Default 0.00005.</summary>
    public decimal LowFundingPer8h { get; set; } = 0.00005m;
}

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

/// <summary>RSI bands and the stacked-overheating rule. Section <c>Signals:Rsi</c>.</summary>
public sealed class RsiOptions
{
    /// <summary>Wilder RSI period in candles. Default 14.</summary>
    public int Period { get; set; } = 14;

    /// <summary>Candle interval (wire name: 5m, 15m, 1h, 4h …). Candles are aggregated up from the snapshot's interval. Default "1h".</summary>
    public string Interval { get; set; } = "1h";

    /// <summary>Overbought bands, ascending. Defaults 70 / 80 / 90.</summary>
    public double Overbought1 { get; set; } = 70;
    public double Overbought2 { get; set; } = 80;
    public double Overbought3 { get; set; } = 90;

    /// <summary>Oversold bands, descending. Defaults 30 / 20 / 10.</summary>
    public double Oversold1 { get; set; } = 30;
    public double Oversold2 { get; set; } = 20;
    public double Oversold3 { get; set; } = 10;
}

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
