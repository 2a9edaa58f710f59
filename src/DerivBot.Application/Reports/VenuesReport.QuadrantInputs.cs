using DerivBot.Application.Venues;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    /// <summary>The quadrant's footer addition: which venues' summed OI and OI-weighted funding it read.</summary>
    public static string? WithQuadrantInputs(string? footer, AggregateView? aggregate, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (aggregate is null)
        {
            return footer;
        }
        var parts = new List<string>();
        if (aggregate.OiVenues.Count > 0)
        {
            parts.Add(ctx.T.Get("footer.quadrantOi", ("venues", string.Join(" · ", aggregate.OiVenues.Select(VenueDisplay.Name)))));
        }
        if (aggregate.FundingVenues.Count > 0)
        {
            parts.Add(ctx.T.Get("footer.quadrantFunding", ("venues", string.Join(" · ", aggregate.FundingVenues.Select(VenueDisplay.Name)))));
        }
        var text = string.Join(" · ", parts);
        if (aggregate.Venues.Missing.Count > 0)
        {
            text += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(aggregate.Venues.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return string.IsNullOrEmpty(footer) ? text : footer + " · " + text;
    }
}
