namespace DerivBot.Core.Signals;

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
