using DerivBot.Application.Localization;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class ChartReports
{
    /// <summary>
    /// The <c>/liq</c> reply: realised totals, largest events, cascade flag, lower-bound note and the nearest estimated
    /// clusters; with the heatmap image (text as caption) when <paramref name="charts"/> is available.
    /// With <paramref name="aggregate"/> carrying a summed OI series, the levels and the heatmap read the OI changes of
    /// every venue in it (see <see cref="LiquidationLevels.Build"/>), and the chart subtitle and the footer name them.
    /// </summary>
    public static CommandReply Liquidations(MarketSnapshot snapshot, SignalReport signals, SignalOptions options, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken, Venues.AggregateView? aggregate = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var liq = signals.Liquidations;
        var symbol = snapshot.Symbol;
        var oiVenues = aggregate is { OiVenues.Count: > 1 } ? aggregate.OiVenues : null;
        var levels = LiquidationLevels.Build(snapshot, ctx.Now - HeatmapLookback, ctx.Now, options.LiquidationLevels,
            oiVenues is null ? null : aggregate!.QuadrantSnapshot.OpenInterest);
        var levelsVenues = oiVenues is null ? null : t.Get("liq.levelsOi", ("venues", string.Join(" · ", oiVenues.Select(VenueDisplay.Name))));
        var mark = levels.Profile?.MarkPrice ?? snapshot.Premium?.MarkPrice ?? 0m;
        var above = levels.Profile?.ShortClusters.Where(c => c.Price > mark).OrderBy(c => c.Price).FirstOrDefault();
        var below = levels.Profile?.LongClusters.Where(c => c.Price < mark).OrderByDescending(c => c.Price).FirstOrDefault();

        var windows = liq.Windows.Select(w => new LiquidationWindowData((int)Math.Round(w.Window.TotalHours), w.LongUsd, w.ShortUsd, w.LongCount, w.ShortCount)).ToList();
        var fields = windows.Select(w => new ReportField(
            t.Get("liq.window", ("hours", w.Hours.ToString(Inv))),
            t.Get("liq.windowValue", ("long", ctx.Usd(w.LongUsd)), ("longCount", w.LongCount.ToString(Inv)), ("short", ctx.Usd(w.ShortUsd)), ("shortCount", w.ShortCount.ToString(Inv))),
            Inline: false)).ToList();
        var blocks = new List<ReportBlock>();
        if (liq.Cascade.Active)
        {
            blocks.Add(ParagraphBlock.Of(new TextRun(ReasonText.Format(liq.Reason, ctx), TextStyle.Bold)));
        }
        blocks.Add(new FieldsBlock(fields));
        var perVenue = liq.Venues.Count > 1 || liq.Venues.Any(v => !string.Equals(v.Venue, snapshot.Venue, StringComparison.Ordinal));
        if (perVenue)
        {
            blocks.AddRange(VenueBlocks(liq, ctx));
        }
        if (!liq.Cascade.Active)
        {
            blocks.Add(ParagraphBlock.Of(ReasonText.Format(liq.Reason, ctx)));
        }
        if (liq.Largest.Count > 0)
        {
            blocks.Add(new HeadingBlock(t["liq.largest"]));
            blocks.Add(new ListBlock(liq.Largest.Select(l => (IReadOnlyList<TextRun>)[new TextRun(t.Get("liq.event",
                ("time", TimeFormat.Clock(l.Time, ctx.Zone)), ("side", t["liq.side." + l.Side]), ("usd", ctx.Usd(l.NotionalUsd)), ("price", NumberFormat.Price(l.AveragePrice != 0m ? l.AveragePrice : l.Price)))
                + (perVenue ? " · " + VenueDisplay.Name(l.Venue ?? snapshot.Venue) : ""))]).ToList()));
        }
        blocks.Add(new HeadingBlock(t["liq.clusters"]));
        blocks.Add(new FieldsBlock(
        [
            new(t["liq.clusterAbove"], ClusterText(above, ctx), Inline: false),
            new(t["liq.clusterBelow"], ClusterText(below, ctx), Inline: false),
        ]));
        if (SweepReports.LastCheck(snapshot, options.LiquidationLevels, ctx) is { } lastCheck)
        {
            blocks.Add(ParagraphBlock.Of(lastCheck)); // the heatmap's last modelled-vs-realised check (/levels)
        }
        if (liq.TotalsAreLowerBound)
        {
            blocks.Add(new NoteBlock(t["liq.lowerBound"]));
        }
        blocks.Add(new NoteBlock(t["liq.levelsNote"]));

        var report = new Report(
            ReportKind.Liquidations, t.Get("liq.title", ("symbol", symbol.Value)), blocks,
            levelsVenues is null ? ReportParts.Footer(snapshot, ctx) : JoinFooter(ReportParts.Footer(snapshot, ctx), levelsVenues),
            ReportParts.ViewActions(symbol, SymbolView.Liquidations, "liq " + symbol.Value, ctx),
            liq.Cascade.Active ? ReportTone.Warning : ReportTone.Neutral);

        ChartImage? image = null;
        if (charts is { IsAvailable: true } && levels.Grid is { } grid)
        {
            var from = grid.Times.Count > 0 ? grid.Times[0] : ctx.Now - HeatmapLookback;
            var text = new ChartText(
                t.Get("liq.chartTitle", ("symbol", symbol.Value)),
                t.Get("liq.chartSubtitle", ("venue", ReportParts.VenueName(snapshot.Venue)), ("from", ctx.Time(from)), ("to", ctx.Time(ctx.Now)))
                    + (levelsVenues is null ? "" : " · " + levelsVenues),
                Labels(ctx),
                ctx.Language);
            var spec = new HeatmapChartSpec(
                text, grid, PriceLine(snapshot, from, ctx.Now), mark,
                [.. levels.Profile?.LongClusters ?? [], .. levels.Profile?.ShortClusters ?? []], ctx.Zone,
                Sweeps: SweepReports.Sweeps(snapshot, options.LiquidationLevels, ctx.Now).Where(w => w.End > from)
                    .Select(w => new SweptBand(w.Side, w.BandLow, w.BandHigh, w.Start, w.End, w.Ratio)).ToList());
            image = charts.RenderHeatmap(spec, cancellationToken);
        }
        var data = new LiquidationsData(
            symbol.Value, snapshot.Venue, windows,
            liq.Largest.Select(l => new LiquidationEventData(l.Time, l.Side.ToString(), l.AveragePrice != 0m ? l.AveragePrice : l.Price, l.NotionalUsd, l.Venue ?? snapshot.Venue)).ToList(),
            liq.Cascade.Active, liq.TotalsAreLowerBound, Cluster(above), Cluster(below), liq.Reason.Code, snapshot.DataTime, snapshot.IsStale(ctx.Now),
            liq.Venues.Select(v => new LiquidationVenueData(v.Venue, v.Usd1h, v.Usd4h, v.Usd24h, v.Count24h, Coverage(v.Venue))).ToList());
        return new CommandReply(report, image, data);
    }

    private static string JoinFooter(string? footer, string addition) => string.IsNullOrEmpty(footer) ? addition : footer + " · " + addition;

    private static string ClusterText(LiquidationCluster? cluster, ReportContext ctx) =>
        cluster is null
            ? ctx.T["liq.noCluster"]
            : ctx.T.Get("liq.clusterValue", ("price", NumberFormat.Price(cluster.Price)), ("distance", NumberFormat.Change(cluster.DistanceFraction)), ("usd", ctx.Usd(cluster.NotionalUsd)));

    private static ClusterData? Cluster(LiquidationCluster? c) =>
        c is null ? null : new ClusterData(c.Side.ToString(), c.Price, c.NotionalUsd, c.DistanceFraction);
}
