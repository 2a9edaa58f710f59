using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Study;

/// <summary>One detected sweep as stored (see <see cref="LiquidationSweep"/>).</summary>
/// <param name="Venue">The market the candles and the model came from (e.g. "binance").</param>
/// <param name="EnteredAt">Open of the bar that first traded into the band.</param>
/// <param name="CrossedAt">End of the bar that crossed the band (the realised window is [EnteredAt, CrossedAt)).</param>
/// <param name="RealisedVenues">The venues whose liquidation streams the realised figure sums (a lower bound for the others).</param>
public sealed record StoredSweep(
    string Venue,
    string Symbol,
    PositionSide Side,
    decimal BandLow,
    decimal BandHigh,
    decimal EstimatedUsd,
    decimal RealisedUsd,
    int RealisedCount,
    DateTimeOffset EnteredAt,
    DateTimeOffset CrossedAt,
    IReadOnlyList<string> RealisedVenues)
{
    /// <summary>Realised / estimated, or null when nothing was estimated.</summary>
    public decimal? Ratio => EstimatedUsd > 0m ? RealisedUsd / EstimatedUsd : null;

    public static StoredSweep From(string venue, Symbol symbol, LiquidationSweep sweep, IReadOnlyList<string> realisedVenues)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return new(venue, symbol.Value, sweep.Side, sweep.BandLow, sweep.BandHigh, sweep.EstimatedUsd, sweep.RealisedUsd, sweep.RealisedCount,
            sweep.Start, sweep.End, realisedVenues);
    }

    public LiquidationSweep ToSweep() => new(Side, BandLow, BandHigh, EstimatedUsd, RealisedUsd, RealisedCount, EnteredAt, CrossedAt);
}

/// <summary>
/// The heatmap check's own history: every sweep the refresh cycle detected for a watched symbol, kept with the 90-day
/// market history so the 7- and 30-day calibration outlives the market store's few days of liquidations (SQLite in
/// production). A sweep is stored once, keyed by venue, symbol, side, entering time and band bottom.
/// </summary>
public interface ISweepStore
{
    /// <summary>
    /// Stores the sweeps not stored yet (the first detection of a sweep wins) and notes that
    /// <paramref name="venue"/>/<paramref name="symbol"/> has been checked since <paramref name="checkedFrom"/>
    /// (the earliest such time is kept). Returns how many sweeps were new.
    /// </summary>
    Task<int> RecordSweepsAsync(string venue, Symbol symbol, DateTimeOffset checkedFrom, IReadOnlyList<StoredSweep> sweeps, CancellationToken cancellationToken);

    /// <summary>The sweeps crossed in (<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    Task<IReadOnlyList<StoredSweep>> GetSweepsAsync(string venue, Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Since when the stored history checks this symbol (null when it never was), after pruning.</summary>
    Task<DateTimeOffset?> GetCheckedSinceAsync(string venue, Symbol symbol, CancellationToken cancellationToken);

    /// <summary>Deletes sweeps crossed before <paramref name="before"/>; coverage starts no earlier than it. Returns rows deleted.</summary>
    Task<int> PruneSweepsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
