using DerivBot.Core.Signals;

namespace DerivBot.Core.Charts;

/// <summary>What <c>/liq</c> draws: the estimated-levels grid, the price line, the mark and the largest clusters.</summary>
/// <param name="TimeZone">Axis labels are drawn in this zone (the chat's).</param>
/// <param name="Sweeps">Clusters price swept (the heatmap check), outlined over the cells with their realised ratio; null or empty draws none.</param>
public sealed record HeatmapChartSpec(
    ChartText Text,
    LiquidationLevelGrid Grid,
    IReadOnlyList<PricePoint> PriceLine,
    decimal MarkPrice,
    IReadOnlyList<LiquidationCluster> Clusters,
    TimeZoneInfo TimeZone,
    int Width = 1280,
    int Height = 720,
    IReadOnlyList<SweptBand>? Sweeps = null);

/// <summary>A swept cluster as the heatmap marks it: its band from entering to crossing.</summary>
/// <param name="Ratio">Realised / estimated (0.42 = 42 %), or null when nothing was estimated.</param>
public sealed record SweptBand(Markets.PositionSide Side, decimal Low, decimal High, DateTimeOffset Start, DateTimeOffset End, decimal? Ratio);
