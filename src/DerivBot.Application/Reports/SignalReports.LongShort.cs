using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class SignalReports
{
    public static CommandReply LongShort(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var ls = signals.LongShort;
        var fields = ls.Readings
            .Where(r => r.Value is not null)
            .Select(r => new ReportField(t["ls.series." + r.Series], RatioValue(r, ctx), Inline: false))
            .ToList();
        var blocks = new List<ReportBlock>();
        if (fields.Count > 0)
        {
            blocks.Add(new FieldsBlock(fields));
        }
        blocks.Add(ParagraphBlock.Of(ReasonText.Format(ls.Reason, ctx)));
        blocks.Add(new NoteBlock(t["ls.note"]));
        var symbol = snapshot.Symbol;
        var tone = ls.Readings.Any(r => r.Extreme != Extremity.None) ? ReportTone.Warning : ReportTone.Neutral;
        var report = new Report(
            ReportKind.LongShort, t.Get("ls.title", ("symbol", symbol.Value)), blocks, ReportParts.Footer(snapshot, ctx),
            ReportParts.ViewActions(symbol, SymbolView.LongShort, "ls " + symbol.Value, ctx), tone);
        var data = new LongShortData(
            symbol.Value, snapshot.Venue,
            ls.Readings.Select(r => new RatioData(r.Series.ToString(), r.Value, r.Percentile?.Percentile, r.Extreme.ToString())).ToList(),
            ls.Reason.Code, snapshot.DataTime, snapshot.IsStale(ctx.Now));
        return new CommandReply(report, Data: data);
    }

    private static string RatioValue(RatioReading r, ReportContext ctx)
    {
        var ratio = NumberFormat.Ratio(r.Value ?? 0m);
        var text = r.Percentile is { } p
            ? ctx.T.Get("ls.value", ("ratio", ratio), ("pct", Math.Round(p.Percentile * 100).ToString("0", Inv)))
            : ratio;
        return r.Extreme == Extremity.None ? text : text + " · " + ctx.T["ls.extreme." + r.Extreme];
    }
}
