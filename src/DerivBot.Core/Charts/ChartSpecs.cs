using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Charts;

/// <summary>A price at an instant (a line on a chart).</summary>
public readonly record struct PricePoint(DateTimeOffset Time, decimal Price);

/// <summary>Every piece of text a chart shows, already localized. Charts never look up wording.</summary>
/// <param name="Language">
/// The language the text is in. Renderers pick the font by it: the same Han character has different standard shapes in
/// Simplified (zh-CN) and Traditional (zh-TW) typography, so each gets its regional face.
/// </param>
public sealed record ChartText(
    string Title,
    string Subtitle,
    IReadOnlyDictionary<string, string> Labels,
    Language Language = Language.En);

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

/// <summary>A time span during which the quadrant model was in one state (for shading).</summary>
public sealed record QuadrantSpan(DateTimeOffset Start, DateTimeOffset End, QuadrantState State);

/// <summary>What <c>/chart</c> draws: price, OI and funding bars over a window with quadrant shading.</summary>
public sealed record HistoryChartSpec(
    ChartText Text,
    IReadOnlyList<PricePoint> Price,
    IReadOnlyList<OpenInterestPoint> OpenInterest,
    IReadOnlyList<FundingRatePoint> Funding,
    IReadOnlyList<QuadrantSpan> Quadrants,
    TimeZoneInfo TimeZone,
    int Width = 1280,
    int Height = 720);

/// <summary>One venue's bars on the <c>/venues</c> chart.</summary>
/// <param name="Venue">Display name ("OKX").</param>
/// <param name="OiShare">Share of the aggregate OI, 0..1.</param>
/// <param name="EightHourRate">Funding normalised to 8 h, fraction (0.0001 = 0.01 %); null when the venue sent none.</param>
public sealed record VenueBar(string Venue, decimal OiShare, decimal? EightHourRate);

/// <summary>
/// What <c>/venues</c> draws: per venue, a bar of its OI share (left panel) and a bar of its 8 h-equivalent funding
/// (right panel, around zero), with the OI-weighted rate as a reference line. Labels: <see cref="ChartLabels.VenueShare"/>,
/// <see cref="ChartLabels.VenueFunding"/>, <see cref="ChartLabels.Weighted"/>, <see cref="ChartLabels.NoData"/>.
/// </summary>
/// <param name="WeightedEightHourRate">OI-weighted 8 h rate across venues, fraction; null when unknown.</param>
public sealed record VenueChartSpec(
    ChartText Text,
    IReadOnlyList<VenueBar> Bars,
    decimal? WeightedEightHourRate,
    int Width = 1280,
    int Height = 720);
