using DerivBot.Application.Venues;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    /// <summary>"Sources: Binance · Bybit · OKX · data as of …", then the missing venues with their reasons.</summary>
    public static string Footer(VenueSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var answered = snapshot.Answered.Select(VenueDisplay.Name).ToList();
        var footer = ctx.T.Get("footer.sources",
            ("venues", answered.Count > 0 ? string.Join(" · ", answered) : ctx.Na),
            ("time", ctx.Time(snapshot.Time)));
        if (snapshot.Missing.Count > 0)
        {
            footer += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(snapshot.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return footer;
    }

    /// <summary>
    /// <paramref name="footer"/> followed by the aggregate's provenance: "aggregate: Binance · Bybit · OKX · Hyperliquid ·
    /// Gate", then the missing venues with their reasons. Unchanged without an aggregate.
    /// </summary>
    public static string? WithAggregate(string? footer, VenueSnapshot? venues, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return footer;
        }
        var text = ctx.T.Get("footer.aggregate", ("venues", string.Join(" · ", venues.Answered.Select(VenueDisplay.Name))));
        if (venues.Missing.Count > 0)
        {
            text += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(venues.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return string.IsNullOrEmpty(footer) ? text : footer + " · " + text;
    }
}
