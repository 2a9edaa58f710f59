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
