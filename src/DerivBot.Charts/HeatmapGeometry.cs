namespace DerivBot.Charts;

/// <summary>The heatmap's layout: time span and cell width, price range, plot rectangle, colour bar and the two scales.</summary>
internal sealed record HeatmapGeometry(
    DateTimeOffset Start, DateTimeOffset End, TimeSpan ColumnWidth, double Low, double High,
    double PlotLeft, double PlotTop, double PlotRight, double PlotBottom, double PriceAxisWidth, double BarWidth, double BarTop,
    Scale X, Scale Y);
