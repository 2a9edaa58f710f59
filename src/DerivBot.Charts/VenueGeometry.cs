namespace DerivBot.Charts;

/// <summary>The venue chart's layout: scales, plot band, rows.</summary>
internal sealed record VenueGeometry(
    Scale Share, Scale Fund, double PlotTop, double PlotBottom, double RowHeight, double BarHeight,
    double ShareLeft, double FundLeft, double FundRight, double PanelTitle,
    IReadOnlyList<double> ShareTicks, double ShareStep, IReadOnlyList<double> FundTicks, double FundStep)
{
    public double RowCenter(int row) => PlotTop + ((row + 0.5) * RowHeight);
}
