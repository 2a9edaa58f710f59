using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class SignalReports
{
    /// <summary>The one-card dashboard: quadrant on top, then one line per signal.</summary>
    public static CommandReply Dashboard(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var q = signals.Quadrant;
        var f = signals.Funding.Current;
        var oi = signals.OpenInterest;
        var oi4h = oi.ChangeOver(TimeSpan.FromHours(4))?.ContractsChange;
        var day = signals.Liquidations.Over(TimeSpan.FromHours(24));
        var global = signals.LongShort.Of(RatioSeries.GlobalAccounts);
        var rsi = signals.Rsi;

        var fields = new List<ReportField>
        {
            new(t["signal.funding"], f is { } fv
                ? t.Get("signal.fundingValue", ("rate", NumberFormat.FundingRate(fv.PerInterval)), ("hours", fv.IntervalHours.ToString(Inv)), ("annual", NumberFormat.AnnualRate(fv.Annualized)))
                : ctx.Na, Inline: false),
            new(t["signal.oi"], oi.Status == SignalStatus.Ok
                ? t.Get("signal.oiValue", ("usd", ctx.Usd(oi.ValueUsd)), ("change", oi4h is { } c ? NumberFormat.Change(c) : ctx.Na))
                : ctx.Na),
            new(t["signal.liq"], day is not null
                ? t.Get("signal.liqValue", ("long", ctx.Usd(day.LongUsd)), ("short", ctx.Usd(day.ShortUsd)))
                : ctx.Na),
            new(t["signal.ls"], global is { Value: not null } ? RatioValue(global, ctx) : ctx.Na),
            new(t["signal.rsi"], rsi.Value is { } r ? r.ToString("0.0", Inv) + " · " + RsiZoneText(rsi, ctx) : ctx.Na),
            new(t["signal.phase"], signals.Phase.Status == SignalStatus.Ok ? t["phase." + signals.Phase.Phase] : ctx.Na),
            new(t["signal.priceOi"], signals.PriceOi.Status == SignalStatus.Ok ? t["priceOi." + signals.PriceOi.Regime] : ctx.Na),
        };
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(t["action.quadrant"] + ": " + StateText(q, ctx)),
            ParagraphBlock.Of(ReasonText.Format(q.Reason, ctx)),
            new FieldsBlock(fields),
        };
        if (signals.Liquidations.Cascade.Active)
        {
            blocks.Add(ParagraphBlock.Of(new TextRun(ReasonText.Format(signals.Liquidations.Reason, ctx), TextStyle.Bold)));
        }
        if (rsi.StackedOverheating || rsi.StackedOversold)
        {
            blocks.Add(ParagraphBlock.Of(new TextRun(ReasonText.Format(rsi.Reason, ctx), TextStyle.Bold)));
        }
        blocks.Add(new NoteBlock(t["signal.note"]));
        var symbol = snapshot.Symbol;
        var tone = q.State is QuadrantState.LongCrowding or QuadrantState.ShortCrowding || signals.Liquidations.Cascade.Active
            ? ReportTone.Warning
            : ReportTone.Neutral;
        var report = new Report(
            ReportKind.Dashboard, t.Get("signal.title", ("symbol", symbol.Value)), blocks, ReportParts.Footer(snapshot, ctx),
            ReportParts.ViewActions(symbol, SymbolView.Dashboard, "signal " + symbol.Value, ctx), tone);
        var data = new DashboardData(
            symbol.Value, snapshot.Venue, q.State.ToString(), q.Reason.Code, f?.PerInterval, signals.Funding.IntervalHours, f?.Annualized,
            oi.ValueUsd, oi4h, day?.LongUsd ?? 0m, day?.ShortUsd ?? 0m, global?.Value, rsi.Value, signals.Phase.Phase.ToString(),
            signals.PriceOi.Regime.ToString(), snapshot.DataTime, snapshot.IsStale(ctx.Now), IsoDuration(q.Window));
        return new CommandReply(report, Data: data);
    }
}
