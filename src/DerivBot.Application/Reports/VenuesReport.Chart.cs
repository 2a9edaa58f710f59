using DerivBot.Application.Venues;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    private static ChartImage? Chart(VenueSnapshot snapshot, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken)
    {
        if (charts is null || !charts.IsAvailable || !snapshot.HasData)
        {
            return null;
        }
        var t = ctx.T;
        var bars = snapshot.Comparison.Rows
            .Where(r => !r.Stale)
            .Select(r => new VenueBar(VenueDisplay.Name(r.Stat.Venue), r.OiShare ?? 0m, r.EightHourRate))
            .ToList();
        var labels = new Dictionary<string, string>(ChartReports.Labels(ctx), StringComparer.Ordinal)
        {
            [ChartLabels.VenueShare] = t["venues.chart.share"],
            [ChartLabels.VenueFunding] = t["venues.chart.funding"],
            [ChartLabels.Weighted] = t["venues.chart.weighted"],
        };
        var text = new ChartText(
            t.Get("venues.chart.title", ("asset", snapshot.Asset)),
            Footer(snapshot, ctx),
            labels,
            ctx.Language);
        try
        {
            return charts.RenderVenues(new VenueChartSpec(text, bars, snapshot.Comparison.Aggregate.OiWeightedEightHourRate), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The text carries every number; a chart failure must not cost the reply.
            return null;
        }
    }
}
