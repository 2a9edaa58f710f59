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

/// <summary>
/// The funding × OI four-quadrant model. Section <c>Signals:Quadrant</c>. The model is evaluated on every horizon in
/// <see cref="Horizons"/> (default 4 h and 24 h), each with its own OI and funding-rise thresholds; the state reported is
/// the one of the horizon that fires with the most confidence (see docs/signals.md). OI conditions must hold against
/// the fixed threshold AND, when the symbol has enough history for a z-score, against its own typical moves over the
/// same window. The threshold properties directly on this class are stated for <see cref="Window"/> (the reference
/// horizon, default 4 h); a horizon that sets no threshold of its own scales them by √(horizon / Window).
/// </summary>
public sealed class QuadrantOptions
{
    /// <summary>
    /// The reference window the thresholds below are stated for, and the horizon used when <see cref="Horizons"/> is
    /// empty. Default 4 h.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Horizons the quadrant is evaluated on (<c>Signals:Quadrant:Horizons:0:Window</c> = "04:00:00", …), each with
    /// optional thresholds of its own. Null (the default) means 4 h with the thresholds below and 24 h with
    /// <see cref="DefaultDayHorizon"/>'s. (Null rather than a pre-filled list: the configuration binder appends to
    /// non-empty lists.)
    /// </summary>
    public List<QuadrantHorizonOptions>? Horizons { get; set; }

    /// <summary>
    /// Settled funding rates, newest backwards, that count towards "funding swinging" on every horizon, together with
    /// the predicted samples inside the horizon. Counted in settlements, whatever the symbol's interval (6 = 48 h on an
    /// 8 h symbol, 6 h on a 1 h symbol). Default 6. 0 = predicted samples only.
    /// </summary>
    public int ChurnSettlements { get; set; } = 6;

    /// <summary>
    /// OI (contracts) change over the window at or above which OI is "rising": fraction, 0.015 = +1.5 %. Default 0.015.
    /// Large caps rarely add more than that in four hours outside a build-up; the z-score gate keeps it symbol-relative.
    /// </summary>
    public decimal OiRisingChange { get; set; } = 0.015m;

    /// <summary>Minimum z-score of the OI change (vs the symbol's own window changes) for "rising". Default 1.0.</summary>
    public double OiRisingMinZ { get; set; } = 1.0;

    /// <summary>Absolute OI change at or below which OI is "flat": fraction, 0.01 = 1 %. Default 0.01. Must be below <see cref="OiRisingChange"/>.</summary>
    public decimal OiFlatChange { get; set; } = 0.01m;

    /// <summary>Maximum absolute z-score of the OI change for "flat". Default 1.0.</summary>
    public double OiFlatMaxZ { get; set; } = 1.0;

    /// <summary>OI fall (as a positive fraction) at or beyond which OI is "falling sharply": 0.05 = −5 %. Default 0.05.</summary>
    public decimal OiSharpFall { get; set; } = 0.05m;

    /// <summary>Minimum z-score magnitude of the fall for "falling sharply" (the z-score must be ≤ −this). Default 1.5.</summary>
    public double OiSharpFallMinZ { get; set; } = 1.5;

    /// <summary>Funding above which it counts as "positive" for long crowding: fraction per 8 h, 0.0001 = 0.01 % (Binance's baseline). Default 0.0001.</summary>
    public decimal PositiveAbovePer8h { get; set; } = 0.0001m;

    /// <summary>Funding below which it counts as "negative" for short crowding: fraction per 8 h. Default 0 (any negative rate).</summary>
    public decimal NegativeBelowPer8h { get; set; }

    /// <summary>Funding rise over the window that counts as "rising": fraction per 8 h, 0.00005 = 0.005 %. Default 0.00005.</summary>
    public decimal FundingRiseMinPer8h { get; set; } = 0.00005m;

    /// <summary>
    /// Half-width of the "near neutral" funding band around zero: fraction per 8 h, 0.0003 = 0.03 %. Default 0.0003.
    /// Binance's resting rate is +0.01 %, and after a flush funding typically overshoots slightly negative, so a band of
    /// three baseline rates either side is what "back near neutral" means in practice.
    /// </summary>
    public decimal NeutralBandPer8h { get; set; } = 0.0003m;

    /// <summary>Sign changes of the predicted-funding samples in the window at or above which funding is "swinging". Default 2.</summary>
    public int SwingMinSignChanges { get; set; } = 2;

    /// <summary>Standard deviation of predicted-funding samples in the window at or above which funding is "swinging": fraction per 8 h. Default 0.0001.</summary>
    public decimal SwingMinStdDevPer8h { get; set; } = 0.0001m;

    /// <summary>Factor applied to the confidence when the symbol has too little history for an OI z-score (0..1). Default 0.75.</summary>
    public double NoHistoryConfidenceFactor { get; set; } = 0.75;

    /// <summary>
    /// The 24 h horizon used when <see cref="Horizons"/> is not configured: OI rising at +4 %, flat within ±2.5 %,
    /// falling sharply at −12 %, funding rising by 0.01 % per 8 h. A day's OI noise is about √6 ≈ 2.4 times four hours'
    /// (the 4 h thresholds scaled that way give +3.7 % / ±2.4 % / −12.2 %), rounded to readable numbers.
    /// </summary>
    public static QuadrantHorizonOptions DefaultDayHorizon => new()
    {
        Window = TimeSpan.FromHours(24),
        OiRisingChange = 0.04m,
        OiFlatChange = 0.025m,
        OiSharpFall = 0.12m,
        FundingRiseMinPer8h = 0.0001m,
    };

    /// <summary>
    /// The horizons in effect, shortest first, with every threshold resolved: <see cref="Horizons"/> when configured
    /// (an empty list means <see cref="Window"/> alone), otherwise 4 h (the reference thresholds) and
    /// <see cref="DefaultDayHorizon"/>.
    /// </summary>
    public IReadOnlyList<QuadrantHorizon> EffectiveHorizons()
    {
        IEnumerable<QuadrantHorizonOptions> configured = Horizons switch
        {
            null => [new QuadrantHorizonOptions { Window = Window }, DefaultDayHorizon],
            { Count: 0 } => [new QuadrantHorizonOptions { Window = Window }],
            var list => list.Where(h => h is not null && h.Window > TimeSpan.Zero),
        };
        var horizons = configured.Select(Resolve).OrderBy(h => h.Window).ToList();
        // Never empty (validation reports bad entries by key; the model still needs one horizon).
        return horizons.Count > 0 ? horizons : [Resolve(new QuadrantHorizonOptions { Window = Window })];
    }

    /// <summary>One horizon's thresholds: its own, else the reference ones scaled by √(horizon / <see cref="Window"/>).</summary>
    public QuadrantHorizon Resolve(QuadrantHorizonOptions h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var scale = Window > TimeSpan.Zero && h.Window > TimeSpan.Zero ? (decimal)Math.Sqrt(h.Window / Window) : 1m;
        decimal Scaled(decimal v) => Math.Round(v * scale, 6);
        return new QuadrantHorizon(
            h.Window,
            h.OiRisingChange ?? Scaled(OiRisingChange),
            h.OiFlatChange ?? Scaled(OiFlatChange),
            h.OiSharpFall ?? Scaled(OiSharpFall),
            h.FundingRiseMinPer8h ?? Scaled(FundingRiseMinPer8h));
    }
}

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

/// <summary>One leverage tier of the estimated-levels model.</summary>
public sealed class LeverageTier
{
    /// <summary>Leverage, e.g. 25 for 25×. Must exceed 1.</summary>
    public decimal Leverage { get; set; }

    /// <summary>Relative weight of new positions assigned to this tier (weights are normalised to sum 1).</summary>
    public decimal Weight { get; set; }
}

/// <summary>The estimated liquidation-levels model (see docs/liquidation-levels.md). Section <c>Signals:LiquidationLevels</c>.</summary>
public sealed class LiquidationLevelOptions
{
    /// <summary>
    /// Leverage tiers. Null (the default) means 5/10/25/50/100× with weights 0.3/0.3/0.2/0.1/0.1.
    /// (A list is replaced, not merged, only when configured: the configuration binder appends to non-empty lists.)
    /// </summary>
    public List<LeverageTier>? Tiers { get; set; }

    /// <summary>Maintenance margin: fraction of notional, 0.005 = 0.5 %. Default 0.005.</summary>
    public decimal MaintenanceMargin { get; set; } = 0.005m;

    /// <summary>New levels within this relative distance of an existing level of the same side merge into it (weighted price): fraction, 0.0005 = 0.05 %. Default 0.0005.</summary>
    public decimal MergeTolerance { get; set; } = 0.0005m;

    /// <summary>Price rows of the heatmap grid. Default 200.</summary>
    public int GridBuckets { get; set; } = 200;

    /// <summary>How far the grid extends beyond the traded range: fraction of price, 0.1 = 10 %. Default 0.1.</summary>
    public decimal GridMargin { get; set; } = 0.1m;

    /// <summary>Width of the price bands that form a cluster: fraction of the mark price, 0.005 = 0.5 %. Default 0.005.</summary>
    public decimal ClusterBandFraction { get; set; } = 0.005m;

    /// <summary>How many clusters per side to report. Default 3.</summary>
    public int ClusterCount { get; set; } = 3;

    internal static readonly LeverageTier[] DefaultTiers =
    [
        new() { Leverage = 5m, Weight = 0.3m },
        new() { Leverage = 10m, Weight = 0.3m },
        new() { Leverage = 25m, Weight = 0.2m },
        new() { Leverage = 50m, Weight = 0.1m },
        new() { Leverage = 100m, Weight = 0.1m },
    ];

    /// <summary>The tiers in effect: <see cref="Tiers"/> when configured, otherwise the defaults.</summary>
    public IReadOnlyList<LeverageTier> EffectiveTiers => Tiers is { Count: > 0 } t ? t : DefaultTiers;
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

/// <summary>
/// Options positioning from the listed option chain (Deribit). Section <c>Signals:Options</c>. Ratios are puts per call
/// (0.7 = 7 puts for every 10 calls), shares are fractions (0.65 = 65 %), see docs/options.md.
/// </summary>
public sealed class OptionsSignalOptions
{
    /// <summary>Put/call open-interest ratio below which positioning reads call-heavy: puts per call. Default 0.7.</summary>
    public decimal CallHeavyBelow { get; set; } = 0.7m;

    /// <summary>Put/call open-interest ratio above which positioning reads put-heavy: puts per call. Default 1.0. Must exceed <see cref="CallHeavyBelow"/>.</summary>
    public decimal PutHeavyAbove { get; set; } = 1.0m;

    /// <summary>Window over which the put/call ratio's rise and the ATM IV change are measured. Default 24 h.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Rise of the put/call open-interest ratio over <see cref="Window"/> that counts as "rising": absolute ratio units, 0.05 = +0.05 puts per call. Default 0.05.</summary>
    public decimal RisingMinChange { get; set; } = 0.05m;

    /// <summary>Global long/short account ratio at or above which longs crowd: longs per short, 1.5 = 60 % of accounts long. Default 1.5.</summary>
    public decimal LongShortHighAbove { get; set; } = 1.5m;

    /// <summary>Call share of open interest at or above which calls meet negative funding as a conflict: fraction, 0.65 = 65 %. Default 0.65.</summary>
    public decimal CallShareConflictAtLeast { get; set; } = 0.65m;

    /// <summary>Funding below which it counts as negative for the calls-vs-funding conflict: fraction per 8 h, 0 = any negative rate. Default 0.</summary>
    public decimal ConflictFundingBelowPer8h { get; set; }

    /// <summary>History the put/call percentile is taken over (the bot's own stored points). Default 90 days.</summary>
    public TimeSpan PercentileWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Fewest stored points before the put/call percentile is reported. Default 24.</summary>
    public int MinPercentileSamples { get; set; } = 24;

    /// <summary>How often a put/call point is added to the bot's history (at most one per interval per asset). Default 1 h.</summary>
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Option data older than this is marked stale in reports and JSON. Default 5 min (Deribit is read at most once a minute).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
