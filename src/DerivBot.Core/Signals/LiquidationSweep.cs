using DerivBot.Core.Markets;

namespace DerivBot.Core.Signals;

/// <summary>
/// One estimated cluster that price traded through, with what was actually liquidated there ("modelled vs realised").
/// </summary>
/// <param name="Side">Long clusters are swept by a low at or below the band's bottom; short clusters by a high at or above its top.</param>
/// <param name="BandLow">Bottom of the cluster's price band (inclusive).</param>
/// <param name="BandHigh">Top of the band (exclusive; the band is <see cref="LiquidationLevelOptions.ClusterBandFraction"/> × the mark wide).</param>
/// <param name="EstimatedUsd">The cluster's estimated notional just before price entered its band, USD.</param>
/// <param name="RealisedUsd">Liquidations of that side with a fill price inside the band during the sweep, USD — a lower bound (see <see cref="LiquidationSweeps"/>).</param>
/// <param name="RealisedCount">How many liquidation events that sum holds.</param>
/// <param name="Start">Open of the bar that first traded into the band.</param>
/// <param name="End">End of the bar that crossed the band (the next bar's open): the realised window is [Start, End).</param>
public sealed record LiquidationSweep(
    PositionSide Side,
    decimal BandLow,
    decimal BandHigh,
    decimal EstimatedUsd,
    decimal RealisedUsd,
    int RealisedCount,
    DateTimeOffset Start,
    DateTimeOffset End)
{
    /// <summary>Realised / estimated, or null when nothing was estimated.</summary>
    public decimal? Ratio => EstimatedUsd > 0m ? RealisedUsd / EstimatedUsd : null;
}

/// <summary>Sums of sweeps that ended inside one look-back window.</summary>
/// <param name="Covered">How much of the window the replayed history reaches (≤ <paramref name="Window"/>).</param>
public sealed record SweepCalibration(TimeSpan Window, int Sweeps, decimal EstimatedUsd, decimal RealisedUsd, TimeSpan Covered)
{
    /// <summary>Realised / estimated over all sweeps in the window, or null with none.</summary>
    public decimal? Ratio => EstimatedUsd > 0m ? RealisedUsd / EstimatedUsd : null;
}
