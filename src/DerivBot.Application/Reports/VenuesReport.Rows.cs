using DerivBot.Application.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

public static partial class VenuesReport
{
    private static ParagraphBlock RowBlock(VenueComparisonRow row, string asset, ReportContext ctx)
    {
        var t = ctx.T;
        var s = row.Stat;
        var head = new List<TextRun> { new(VenueDisplay.Name(s.Venue), TextStyle.Bold), new(" · " + s.Instrument) };
        if (row.Stale)
        {
            head.Add(new TextRun(" · " + t.Get("venues.row.stale", ("ago", TimeFormat.Ago(s.Time, ctx.Now, t))), TextStyle.Italic));
        }
        var funding = s.FundingRate is { } rate
            ? t.Get("venues.row.funding",
                ("rate", NumberFormat.FundingRate(rate)),
                ("hours", s.FundingIntervalHours.ToString(Inv)),
                ("eight", NumberFormat.FundingRate(row.EightHourRate!.Value)),
                ("annual", NumberFormat.AnnualRate(row.AnnualizedRate!.Value)))
            : t.Get("venues.row.noFunding", ("hours", s.FundingIntervalHours.ToString(Inv)));
        var oi = t.Get("venues.row.oi",
            ("coins", ctx.Amount(s.OpenInterestCoins)),
            ("asset", asset),
            ("usd", ctx.Usd(s.OpenInterestUsd)),
            ("share", row.OiShare is { } share ? NumberFormat.Share(share) : ctx.Na));
        var volume = t.Get("venues.row.volume",
            ("volume", s.Volume24hUsd is { } v ? ctx.Usd(v) : ctx.Na),
            ("ratio", row.OiToVolume is { } r ? NumberFormat.Ratio(r, times: true) : ctx.Na),
            ("mark", NumberFormat.Price(s.MarkPrice)));
        return new ParagraphBlock([head, [new TextRun(funding)], [new TextRun(oi)], [new TextRun(volume)]]);
    }

    private static List<ReportField> AggregateFields(VenueAggregate a, string asset, ReportContext ctx)
    {
        var t = ctx.T;
        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        return
        [
            new(t["venues.aggregate.oi"], t.Get("oi.contractsValue", ("amount", ctx.Amount(a.OpenInterestCoins)), ("asset", asset)) + " (" + ctx.Usd(a.OpenInterestUsd) + ")", Inline: false),
            new(t["oi.change1h"], Change(a.Change1h)),
            new(t["oi.change4h"], Change(a.Change4h)),
            new(t["oi.change24h"], Change(a.Change24h)),
            new(t["venues.aggregate.weighted"], a.OiWeightedEightHourRate is { } w ? NumberFormat.FundingRate(w) : ctx.Na),
            new(t["venues.aggregate.weightedAnnual"], a.OiWeightedAnnualizedRate is { } wa ? NumberFormat.AnnualRate(wa) : ctx.Na),
            new(t["venues.aggregate.spread"], a.FundingSpreadEightHour is { } sp ? NumberFormat.Percent(sp, 4, signed: false) : ctx.Na),
        ];
    }
}
