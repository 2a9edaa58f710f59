namespace DerivBot.Core.Signals;

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
