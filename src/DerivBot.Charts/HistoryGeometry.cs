namespace DerivBot.Charts;

/// <summary>The history chart's layout: time span, legend row, the two panels and the funding bar width.</summary>
internal sealed record HistoryGeometry(
    DateTimeOffset Start, DateTimeOffset End, double LegendY, double PlotLeft, double PlotRight, double PlotTop, double PlotBottom,
    double UpperBottom, double LowerTop, Scale X, double FundingBarWidth);
