namespace DerivBot.Core.Signals;

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
