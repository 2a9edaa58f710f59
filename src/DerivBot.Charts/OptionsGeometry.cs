using DerivBot.Core.Charts;

namespace DerivBot.Charts;

/// <summary>The strike chart's layout: plot rectangle, scales, zero line, bar width and the strikes shown.</summary>
internal sealed record OptionsGeometry(
    double LegendY, double PlotLeft, double PlotRight, double PlotTop, double PlotBottom, Scale X, Scale Y, double ZeroY, double BarWidth,
    IReadOnlyList<StrikeOpenInterest> Bars);
