using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>A settled funding payment in <see cref="FundingData"/>.</summary>
/// <param name="Rate">Fraction per funding interval, 0.0001 = 0.01 %.</param>
public sealed record SettledFunding(DateTimeOffset Time, decimal Rate);

/// <summary>A percentile of the current rate against the symbol's own settled history.</summary>
/// <param name="Percentile">0..1.</param>
public sealed record FundingPercentile(int WindowDays, double Percentile, int Samples);

/// <summary>What <c>/funding</c> returns as JSON. Rates are fractions (0.0001 = 0.01 %).</summary>
/// <param name="FundingRate">Predicted rate for the next settlement, per interval.</param>
/// <param name="EightHourRate">The rate scaled to an 8-hour interval (rate × 8 / interval).</param>
/// <param name="AnnualizedRate">rate × (24 / interval) × 365.</param>
/// <param name="Level">Absolute level: Normal, ElevatedPositive, ExtremePositive, ElevatedNegative, ExtremeNegative.</param>
/// <param name="PercentileExtreme">None, High or Low against the symbol's own history.</param>
/// <param name="Reason">The signal engine's reason code, e.g. <c>funding.elevated_positive</c>.</param>
/// <param name="Aggregate">The coin across every venue that answered (OI-weighted funding, spread, total OI), beside the
/// primary venue's own numbers above; null when no other venue is configured or none answered.</param>
public sealed record FundingData(
    string Symbol,
    string Venue,
    decimal FundingRate,
    int FundingIntervalHours,
    decimal EightHourRate,
    decimal AnnualizedRate,
    DateTimeOffset NextFundingTime,
    decimal MarkPrice,
    IReadOnlyList<SettledFunding> LastSettled,
    IReadOnlyList<FundingPercentile> Percentiles,
    string Level,
    string PercentileExtreme,
    bool SettledSignFlip,
    bool PendingSignFlip,
    int PersistenceCount,
    string Reason,
    DateTimeOffset DataTime,
    bool Stale,
    VenueAggregateData? Aggregate = null);

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

/// <summary>The "nothing to show yet" reply: still a proper report with footer and buttons, never an empty message.</summary>
internal static class NoData
{
    public static CommandReply Reply(ReportKind kind, string title, string message, MarketSnapshot snapshot, ReportContext ctx, IReadOnlyList<ReportAction> actions) =>
        new(new Report(kind, title, [ParagraphBlock.Of(message)], ReportParts.Footer(snapshot, ctx), actions, ReportTone.Warning));
}
