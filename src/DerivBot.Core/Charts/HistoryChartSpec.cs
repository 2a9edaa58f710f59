using DerivBot.Core.Markets;
using DerivBot.Core.Signals;

namespace DerivBot.Core.Charts;

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
