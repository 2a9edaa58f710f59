using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Study;

public sealed partial class RecapCommand
{
    /// <summary>The recap message.</summary>
    public static Report Build(IReadOnlyList<SymbolWeek> weeks, IReadOnlyList<QuizScore> topScorers, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(topScorers);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var blocks = new List<ReportBlock>();
        if (weeks.Count == 0)
        {
            blocks.Add(new NoteBlock(t["recap.noSymbols"]));
        }
        foreach (var w in weeks)
        {
            blocks.Add(new HeadingBlock(w.Symbol.Value));
            var state = w.Now is { } s ? t["state." + s] : ctx.Na;
            var changes = w.QuadrantChanges.Count == 0
                ? t.Get("recap.quadrantSteady", ("state", state))
                : t.Get("recap.quadrantChanges", ("count", w.QuadrantChanges.Count.ToString(CultureInfo.InvariantCulture)), ("state", state),
                    ("last", string.Join(", ", w.QuadrantChanges.TakeLast(3).Select(c => Day(c.Time, ctx, "MM-dd HH:mm") + " " + t["state." + c.From] + " → " + t["state." + c.To]))));
            var fields = new List<ReportField>
            {
                new(t["recap.quadrant"], changes, Inline: false),
                new(t["recap.funding"], w.FundingHigh is { } hi && w.FundingLow is { } lo
                    ? t.Get("recap.fundingValue", ("high", NumberFormat.FundingRate(hi.Rate)), ("low", NumberFormat.FundingRate(lo.Rate)))
                    : ctx.Na, Inline: false),
                new(t["recap.cascade"], w.LargestCascade is { } c
                    ? t.Get("recap.cascadeValue", ("usd", ctx.Usd(c.Usd)), ("side", t["liq.side." + c.Side]), ("time", ctx.Time(c.Start)))
                    : t["recap.none"], Inline: false),
                new(t["recap.check"], w.Check.Sweeps == 0
                    ? t["sweep.windowEmpty"]
                    : t.Get("sweep.windowValue", ("count", w.Check.Sweeps.ToString(CultureInfo.InvariantCulture)), ("estimated", ctx.Usd(w.Check.EstimatedUsd)),
                        ("realised", ctx.Usd(w.Check.RealisedUsd)), ("ratio", w.Check.Ratio is { } r ? NumberFormat.Share(r) : ctx.Na)), Inline: false),
            };
            blocks.Add(new FieldsBlock(fields));
        }
        blocks.Add(new HeadingBlock(t["recap.scorers"]));
        blocks.Add(topScorers.Count == 0
            ? new NoteBlock(t["recap.noScorers"])
            : new ListBlock(topScorers.Select((s, i) => (IReadOnlyList<TextRun>)[new TextRun(t.Get("scores.line", ("rank", (i + 1).ToString(CultureInfo.InvariantCulture)),
                ("name", s.DisplayName), ("right", s.Right.ToString(CultureInfo.InvariantCulture)), ("total", s.Total.ToString(CultureInfo.InvariantCulture))))]).ToList()));
        blocks.Add(new NoteBlock(t["liq.lowerBound"]));
        return new Report(ReportKind.Digest, t.Get("recap.title", ("from", Day(ctx.Now - Week, ctx, "yyyy-MM-dd")), ("to", Day(ctx.Now, ctx, "yyyy-MM-dd"))), blocks);
    }

    private static string Day(DateTimeOffset instant, ReportContext ctx, string format) =>
        TimeZoneInfo.ConvertTime(instant, ctx.Zone).ToString(format, CultureInfo.InvariantCulture);
}
