using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    /// <summary>The <c>/funding</c> addition: OI-weighted funding across venues, its annualized form, the spread.</summary>
    public static IReadOnlyList<ReportBlock> FundingBlocks(VenueSnapshot? venues, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return [];
        }
        var t = ctx.T;
        var a = venues.Comparison.Aggregate;
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(t.Get("venues.aggregate.heading", ("count", a.Venues.ToString(Inv)))),
            new FieldsBlock(
            [
                new(t["venues.aggregate.weighted"], a.OiWeightedEightHourRate is { } w ? NumberFormat.FundingRate(w) : ctx.Na),
                new(t["venues.aggregate.weightedAnnual"], a.OiWeightedAnnualizedRate is { } wa ? NumberFormat.AnnualRate(wa) : ctx.Na),
                new(t["venues.aggregate.spread"], a.FundingSpreadEightHour is { } sp ? NumberFormat.Percent(sp, 4, signed: false) : ctx.Na),
            ]),
        };
        if (a.SignsDisagree)
        {
            var rated = venues.Comparison.Rows.Where(r => !r.Stale && r.EightHourRate is not null).ToList();
            blocks.Add(ParagraphBlock.Of(t.Get("venues.signsDisagree",
                ("positive", ctx.List(rated.Where(r => r.EightHourRate > 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))),
                ("negative", ctx.List(rated.Where(r => r.EightHourRate < 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))))));
        }
        return blocks;
    }
}
