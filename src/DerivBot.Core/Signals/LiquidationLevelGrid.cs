namespace DerivBot.Core.Signals;

/// <summary>
/// Estimated outstanding liquidation notional on a price × time grid (the data behind the heatmap).
/// Row <c>b</c> covers prices [<see cref="PriceMin"/> + b·<see cref="BucketSize"/>, + <see cref="BucketSize"/>).
/// Cell (t, b) is stored at index <c>t * BucketCount + b</c>.
/// </summary>
/// <param name="Times">Start time of each column (one per bar), oldest first.</param>
/// <param name="LongNotional">USD of long positions that would be liquidated if price fell to that level, as outstanding at that time.</param>
/// <param name="ShortNotional">USD of short positions that would be liquidated if price rose to that level.</param>
public sealed record LiquidationLevelGrid(
    IReadOnlyList<DateTimeOffset> Times,
    decimal PriceMin,
    decimal BucketSize,
    int BucketCount,
    decimal[] LongNotional,
    decimal[] ShortNotional)
{
    public decimal PriceOf(int bucket) => PriceMin + (bucket + 0.5m) * BucketSize;

    public decimal Long(int timeIndex, int bucket) => LongNotional[timeIndex * BucketCount + bucket];

    public decimal Short(int timeIndex, int bucket) => ShortNotional[timeIndex * BucketCount + bucket];
}

/// <summary>A concentration of estimated liquidation levels.</summary>
/// <param name="Side">Which positions would be liquidated there.</param>
/// <param name="DistanceFraction">(price − mark) / mark: negative below the mark.</param>
public sealed record LiquidationCluster(Markets.PositionSide Side, decimal Price, decimal NotionalUsd, decimal DistanceFraction);
