using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    /// <summary>The <c>/oi</c> addition: total OI across venues and the changes of their summed history.</summary>
    public static IReadOnlyList<ReportBlock> OpenInterestBlocks(VenueSnapshot? venues, string asset, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return [];
        }
        var t = ctx.T;
        var a = venues.Comparison.Aggregate;
        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        return
        [
            new HeadingBlock(t.Get("venues.aggregate.heading", ("count", a.Venues.ToString(Inv)))),
            new FieldsBlock(
            [
                new(t["venues.aggregate.oi"], t.Get("oi.contractsValue", ("amount", ctx.Amount(a.OpenInterestCoins)), ("asset", AssetNames.AssetOf(asset))) + " (" + ctx.Usd(a.OpenInterestUsd) + ")", Inline: false),
                new(t["oi.change1h"], Change(a.Change1h)),
                new(t["oi.change4h"], Change(a.Change4h)),
                new(t["oi.change24h"], Change(a.Change24h)),
            ]),
        ];
    }
}
