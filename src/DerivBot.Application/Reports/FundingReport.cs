using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>Builds the <c>/funding</c> report from the funding signal (the symbol's real interval, never a fixed 8 h).</summary>
public static class FundingReport
{
    /// <summary>How many settled rates the report lists.</summary>
    public const int SettledShown = 3;

    /// <param name="venues">The coin's cross-venue view: adds the OI-weighted funding and the spread, and says so in the footer.</param>
    public static CommandReply Build(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx, VenueSnapshot? venues = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var symbol = snapshot.Symbol;
        var f = signals.Funding;
        var title = t.Get("funding.title", ("symbol", symbol.Value));
        var actions = ReportParts.ViewActions(symbol, SymbolView.Funding, "funding " + symbol.Value, ctx);
        if (snapshot.Premium is not { } premium || f.Current is not { } current)
        {
            return NoData.Reply(ReportKind.Funding, title, t.Get("funding.noData", ("venue", ReportParts.VenueName(snapshot.Venue)), ("symbol", symbol.Value)), snapshot, ctx, actions);
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var hours = current.IntervalHours.ToString(inv);
        var settled = snapshot.FundingHistory.Where(p => p.Time <= ctx.Now).Reverse().Take(SettledShown).Select(p => new SettledFunding(p.Time, p.Rate)).ToList();
        var percentiles = f.Percentiles.Select(p => new FundingPercentile((int)Math.Round(p.Window.TotalDays), p.Percentile, p.SampleCount)).ToList();

        var fields = new List<ReportField>
        {
            new(t.Get("funding.predicted", ("hours", hours)), NumberFormat.FundingRate(current.PerInterval)),
            new(t["funding.interval"], t.Get("funding.intervalValue", ("hours", hours))),
            new(t["funding.eightHour"], NumberFormat.FundingRate(current.Per8h)),
            new(t["funding.annualized"], NumberFormat.AnnualRate(current.Annualized)),
            new(t["funding.next"], t.Get("funding.nextValue", ("time", ctx.Time(premium.NextFundingTime)), ("countdown", TimeFormat.Countdown(premium.NextFundingTime, ctx.Now, t))), Inline: false),
            new(t["funding.mark"], NumberFormat.Price(premium.MarkPrice)),
        };
        if (settled.Count > 0)
        {
            fields.Add(new ReportField(
                t["funding.lastSettled"],
                ctx.List(settled.Select(s => TimeFormat.Clock(s.Time, ctx.Zone) + " " + NumberFormat.FundingRate(s.Rate))),
                Inline: false));
        }
        if (percentiles.Count > 0)
        {
            fields.Add(new ReportField(
                t["funding.percentile"],
                ctx.List(percentiles.Select(p => t.Get("funding.percentileValue", ("pct", Math.Round(p.Percentile * 100).ToString("0", inv)), ("days", p.WindowDays.ToString(inv))))),
                Inline: false));
        }
        if (f.PersistenceCount > 1)
        {
            fields.Add(new ReportField(t["funding.persistence"], t.Get("funding.persistenceValue", ("count", f.PersistenceCount.ToString(inv)))));
        }
        var side = current.PerInterval > 0m ? t["funding.sideLongsPay"] : current.PerInterval < 0m ? t["funding.sideShortsPay"] : t["funding.sideNone"];
        var blocks = new List<ReportBlock>
        {
            new FieldsBlock(fields),
            ParagraphBlock.Of(side + " " + ReasonText.Format(f.Reason, ctx)),
        };
        blocks.AddRange(VenuesReport.FundingBlocks(venues, ctx));
        var tone = f.Level switch
        {
            FundingLevel.ExtremePositive or FundingLevel.ExtremeNegative => ReportTone.Warning,
            _ when f.PercentileExtreme != Extremity.None => ReportTone.Warning,
            _ => ReportTone.Neutral,
        };
        var report = new Report(ReportKind.Funding, title, blocks, VenuesReport.WithAggregate(ReportParts.Footer(snapshot, ctx), venues, ctx), actions, tone);
        var data = new FundingData(
            symbol.Value, snapshot.Venue, current.PerInterval, current.IntervalHours, current.Per8h, current.Annualized,
            premium.NextFundingTime, premium.MarkPrice, settled, percentiles, f.Level.ToString(), f.PercentileExtreme.ToString(),
            f.SettledSignFlip, f.PendingSignFlip, f.PersistenceCount, f.Reason.Code, snapshot.DataTime, snapshot.IsStale(ctx.Now),
            venues is { HasData: true } ? VenueAggregateData.From(venues.Comparison.Aggregate) : null);
        return new CommandReply(report, Data: data);
    }
}
