using System.Globalization;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>Builds the <c>/venues</c> report: one block per venue, the aggregate, missing venues, and the bar chart.</summary>
public static partial class VenuesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static CommandReply Build(VenueSnapshot snapshot, ReportContext ctx, IChartRenderer? charts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var asset = snapshot.Asset;
        var comparison = snapshot.Comparison;
        var aggregate = comparison.Aggregate;
        var title = t.Get("venues.title", ("asset", asset));
        var actions = new List<ReportAction>();
        ReportParts.Add(actions, t["action.refresh"], "venues " + asset);
        ReportParts.Add(actions, t["action.funding"], "funding " + asset);
        ReportParts.Add(actions, t["action.oi"], "oi " + asset);

        var blocks = new List<ReportBlock>();
        if (!snapshot.HasData)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("venues.noData", ("asset", asset))));
        }
        foreach (var row in comparison.Rows)
        {
            blocks.Add(RowBlock(row, asset, ctx));
        }
        if (snapshot.HasData)
        {
            blocks.Add(new HeadingBlock(t.Get("venues.aggregate.heading", ("count", aggregate.Venues.ToString(Inv)))));
            blocks.Add(new FieldsBlock(AggregateFields(aggregate, asset, ctx)));
            if (aggregate.SignsDisagree)
            {
                var rated = comparison.Rows.Where(r => !r.Stale && r.EightHourRate is not null).ToList();
                blocks.Add(ParagraphBlock.Of(new TextRun(t.Get("venues.signsDisagree",
                    ("positive", ctx.List(rated.Where(r => r.EightHourRate > 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))),
                    ("negative", ctx.List(rated.Where(r => r.EightHourRate < 0m).Select(r => VenueDisplay.Name(r.Stat.Venue))))), TextStyle.Bold)));
            }
        }
        var missing = snapshot.Missing.Select(m => new MissingVenueData(m.Venue, Reason(m, ctx))).ToList();
        if (missing.Count > 0)
        {
            blocks.Add(new HeadingBlock(t["venues.missing.heading"]));
            blocks.Add(new ListBlock(missing
                .Select(m => (IReadOnlyList<TextRun>)[new TextRun(VenueDisplay.Name(m.Venue), TextStyle.Bold), new TextRun(": " + m.Reason)])
                .ToList()));
        }
        blocks.Add(new NoteBlock(t.Get("venues.note", ("asset", asset))));

        var tone = !snapshot.HasData ? ReportTone.Warning
            : aggregate.SignsDisagree ? ReportTone.Warning
            : aggregate.Change4h switch { > 0m => ReportTone.Bullish, < 0m => ReportTone.Bearish, _ => ReportTone.Neutral };
        var report = new Report(ReportKind.Venues, title, blocks, Footer(snapshot, ctx), actions, tone);
        var data = new VenuesData(
            asset,
            comparison.Rows.Select(r => new VenueRowData(
                r.Stat.Venue, r.Stat.Instrument, r.Stat.FundingRate, r.Stat.FundingIntervalHours, r.EightHourRate, r.AnnualizedRate,
                r.Stat.OpenInterestCoins, r.Stat.OpenInterestUsd, r.OiShare, r.Stat.Volume24hUsd, r.OiToVolume, r.Stat.MarkPrice,
                r.Stat.Time, r.Stale)).ToList(),
            VenueAggregateData.From(aggregate),
            missing);
        return new CommandReply(report, Chart(snapshot, ctx, charts, cancellationToken), data);
    }
}
