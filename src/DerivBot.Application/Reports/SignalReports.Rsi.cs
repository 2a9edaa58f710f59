using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class SignalReports
{
    public static CommandReply Rsi(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var rsi = signals.Rsi;
        var blocks = new List<ReportBlock>();
        if (rsi.Value is { } value)
        {
            var fields = new List<ReportField>
            {
                new(t.Get("rsi.value", ("period", rsi.Period.ToString(Inv)), ("interval", rsi.Interval.ToWire())), value.ToString("0.0", Inv)),
                new(t["rsi.zone"], RsiZoneText(rsi, ctx)),
            };
            if (rsi.FormingValue is { } forming)
            {
                // Beside the closed reading, labelled: zones and alerts never use it.
                fields.Add(new(t["rsi.forming"], forming.ToString("0.0", Inv)));
            }
            blocks.Add(new FieldsBlock(fields));
        }
        blocks.Add(ParagraphBlock.Of(ReasonText.Format(rsi.Reason, ctx)));
        blocks.Add(new NoteBlock(t["rsi.note"]));
        var symbol = snapshot.Symbol;
        var tone = rsi.StackedOverheating || rsi.StackedOversold ? ReportTone.Warning : ReportTone.Neutral;
        var report = new Report(
            ReportKind.Rsi, t.Get("rsi.title", ("symbol", symbol.Value)), blocks, ReportParts.Footer(snapshot, ctx),
            ReportParts.ViewActions(symbol, SymbolView.Rsi, "rsi " + symbol.Value, ctx), tone);
        var data = new RsiData(
            symbol.Value, snapshot.Venue, rsi.Value, rsi.Period, rsi.Interval.ToWire(), rsi.Zone.ToString(), rsi.StackedOverheating,
            rsi.StackedOversold, rsi.Reason.Code, snapshot.DataTime, snapshot.IsStale(ctx.Now), rsi.FormingValue);
        return new CommandReply(report, Data: data);
    }

    internal static string RsiZoneText(RsiSignal rsi, ReportContext ctx)
    {
        var o = rsi.Thresholds;
        string Band(double b) => b.ToString("0", Inv);
        return rsi.Zone switch
        {
            RsiZone.Overbought1 => ctx.T.Get("rsi.zone.Overbought", ("band", Band(o.Overbought1))),
            RsiZone.Overbought2 => ctx.T.Get("rsi.zone.Overbought", ("band", Band(o.Overbought2))),
            RsiZone.Overbought3 => ctx.T.Get("rsi.zone.Overbought", ("band", Band(o.Overbought3))),
            RsiZone.Oversold1 => ctx.T.Get("rsi.zone.Oversold", ("band", Band(o.Oversold1))),
            RsiZone.Oversold2 => ctx.T.Get("rsi.zone.Oversold", ("band", Band(o.Oversold2))),
            RsiZone.Oversold3 => ctx.T.Get("rsi.zone.Oversold", ("band", Band(o.Oversold3))),
            _ => ctx.T["rsi.zone.Neutral"],
        };
    }
}
