using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>A settled funding payment in <see cref="FundingData"/>.</summary>
/// <param name="Rate">Fraction per funding interval, 0.0001 = 0.01 %.</param>
public sealed record SettledFunding(DateTimeOffset Time, decimal Rate);

/// <summary>What <c>/funding</c> returns as JSON. Rates are fractions (0.0001 = 0.01 %).</summary>
/// <param name="FundingRate">Predicted rate for the next settlement, per interval.</param>
/// <param name="EightHourRate">The rate scaled to an 8-hour interval (rate × 8 / interval).</param>
/// <param name="AnnualizedRate">rate × (24 / interval) × 365.</param>
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
    DateTimeOffset DataTime,
    bool Stale);

/// <summary>Builds the <c>/funding</c> report.</summary>
public static class FundingReport
{
    /// <summary>How many settled rates the report lists.</summary>
    public const int SettledShown = 3;

    public static CommandReply Build(MarketSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var symbol = snapshot.Symbol;
        var title = t.Get("funding.title", ("symbol", symbol.Value));
        var actions = ReportParts.ViewActions(symbol, SymbolView.Funding, "funding " + symbol.Value, ctx);
        if (snapshot.Premium is not { } premium)
        {
            return NoData.Reply(ReportKind.Funding, title, t.Get("funding.noData", ("venue", ReportParts.VenueName(snapshot.Venue)), ("symbol", symbol.Value)), snapshot, ctx, actions);
        }

        var interval = snapshot.FundingIntervalHours > 0 ? snapshot.FundingIntervalHours : 8;
        var rate = premium.FundingRate;
        var eightHour = FundingMath.EightHourEquivalent(rate, interval);
        var annual = FundingMath.Annualized(rate, interval);
        var hours = interval.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settled = snapshot.FundingHistory.Reverse().Take(SettledShown).Select(p => new SettledFunding(p.Time, p.Rate)).ToList();

        var fields = new List<ReportField>
        {
            new(t.Get("funding.predicted", ("hours", hours)), NumberFormat.FundingRate(rate)),
            new(t["funding.interval"], t.Get("funding.intervalValue", ("hours", hours))),
            new(t["funding.eightHour"], NumberFormat.FundingRate(eightHour)),
            new(t["funding.annualized"], NumberFormat.AnnualRate(annual)),
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
        var side = rate > 0m ? t["funding.sideLongsPay"] : rate < 0m ? t["funding.sideShortsPay"] : t["funding.sideNone"];
        var blocks = new List<ReportBlock> { new FieldsBlock(fields), ParagraphBlock.Of(side) };
        var report = new Report(ReportKind.Funding, title, blocks, ReportParts.Footer(snapshot, ctx), actions);
        var data = new FundingData(
            symbol.Value, snapshot.Venue, rate, interval, eightHour, annual, premium.NextFundingTime, premium.MarkPrice,
            settled, snapshot.DataTime, snapshot.IsStale(ctx.Now));
        return new CommandReply(report, Data: data);
    }
}

/// <summary>Funding arithmetic that must respect each symbol's own interval (a fixed 8 h assumption is wrong by 2× for 4 h symbols).</summary>
public static class FundingMath
{
    public static decimal EightHourEquivalent(decimal ratePerInterval, int intervalHours) =>
        ratePerInterval * 8m / Interval(intervalHours);

    public static decimal Annualized(decimal ratePerInterval, int intervalHours) =>
        ratePerInterval * (24m / Interval(intervalHours)) * 365m;

    private static decimal Interval(int hours) => hours > 0 ? hours : throw new ArgumentOutOfRangeException(nameof(hours), hours, "Funding interval must be positive.");
}

/// <summary>The "nothing to show yet" reply: still a proper report with footer and buttons, never an empty message.</summary>
internal static class NoData
{
    public static CommandReply Reply(ReportKind kind, string title, string message, MarketSnapshot snapshot, ReportContext ctx, IReadOnlyList<ReportAction> actions) =>
        new(new Report(kind, title, [ParagraphBlock.Of(message)], ReportParts.Footer(snapshot, ctx), actions, ReportTone.Warning));
}
