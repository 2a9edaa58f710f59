using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class ChartReports
{
    /// <summary>How completely a venue's feed reports liquidations: Binance's stream is a one-per-symbol-per-second
    /// snapshot, Bybit and OKX push every event, Gate is polled.</summary>
    public static string Coverage(string venue) => (venue.StartsWith("replay:", StringComparison.Ordinal) ? venue["replay:".Length..] : venue) switch
    {
        VenueIds.Binance => "snapshot",
        VenueIds.Gate => "polled",
        VenueIds.Bybit or VenueIds.Okx => "every",
        _ => "every",
    };

    /// <summary>The per-venue split of the merged flow (one line per venue and the merged line) and each venue's coverage.</summary>
    internal static IEnumerable<ReportBlock> VenueBlocks(LiquidationSignal liq, ReportContext ctx)
    {
        var t = ctx.T;
        string Value(decimal h1, decimal h4, decimal h24, int count) => t.Get("liq.venueValue",
            ("h1", ctx.Usd(h1)), ("h4", ctx.Usd(h4)), ("h24", ctx.Usd(h24)), ("count", count.ToString(Inv)));
        var fields = liq.Venues.Select(v => new ReportField(VenueDisplay.Name(v.Venue), Value(v.Usd1h, v.Usd4h, v.Usd24h, v.Count24h), Inline: false)).ToList();
        fields.Add(new ReportField(t["liq.venueMerged"],
            Value(liq.Venues.Sum(v => v.Usd1h), liq.Venues.Sum(v => v.Usd4h), liq.Venues.Sum(v => v.Usd24h), liq.Venues.Sum(v => v.Count24h)), Inline: false));
        yield return new HeadingBlock(t["liq.byVenue"]);
        yield return new FieldsBlock(fields);
        var coverage = liq.Venues.Select(v => t.Get("liq.coverage." + Coverage(v.Venue), ("venue", VenueDisplay.Name(v.Venue))));
        yield return new NoteBlock(t.Get("liq.coverage", ("list", string.Join(t["liq.coverage.separator"], coverage))));
    }
}
