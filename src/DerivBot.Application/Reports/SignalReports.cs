using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>Builders for the signal-engine reports: /quadrant, /ls, /rsi, /signal.</summary>
public static partial class SignalReports
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Hours(TimeSpan span) => ((int)Math.Round(span.TotalHours)).ToString(Inv) + "h";

    /// <summary>An ISO 8601 duration in hours when whole ("PT4H", "PT24H"), else minutes or seconds.</summary>
    public static string IsoDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerHour == 0 ? "PT" + ((long)span.TotalHours).ToString(Inv) + "H"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? "PT" + ((long)span.TotalMinutes).ToString(Inv) + "M"
        : "PT" + span.TotalSeconds.ToString("0.###", Inv) + "S";

    /// <summary>The state in words, with its horizon when one fired ("Deleveraging over 24h", "24 小時內去槓桿").</summary>
    internal static string StateText(QuadrantSignal q, ReportContext ctx)
    {
        var state = ctx.T["state." + q.State];
        return q.Status == SignalStatus.Ok && q.State != QuadrantState.Neutral
            ? ctx.T.Get("quadrant.stateOver", ("state", state), ("window", HoursText(q.Window, ctx)))
            : state;
    }

    private static string HoursText(TimeSpan span, ReportContext ctx) =>
        ctx.T.Get("common.hours", ("hours", ((int)Math.Round(span.TotalHours)).ToString(Inv)));

    public static CommandReply Quadrant(MarketSnapshot snapshot, SignalReport signals, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var q = signals.Quadrant;
        var symbol = snapshot.Symbol;
        var window = HoursText(q.Window, ctx);
        var blocks = new List<ReportBlock>
        {
            ParagraphBlock.Of(new TextRun(StateText(q, ctx), TextStyle.Bold)),
            ParagraphBlock.Of(ReasonText.Format(q.Reason, ctx)),
        };
        if (q.Status == SignalStatus.Ok)
        {
            var fields = new List<ReportField>
            {
                new(t["quadrant.funding"], q.FundingPer8h is { } f ? NumberFormat.FundingRate(f) : ctx.Na),
                new(t.Get("quadrant.fundingChange", ("window", window)), q.FundingChangePer8h is { } fc ? NumberFormat.FundingRate(fc) : ctx.Na),
                new(t.Get("quadrant.oiChange", ("window", window)), q.OiChange is { } oc ? NumberFormat.Change(oc) : ctx.Na),
                new(t["quadrant.oiZ"], q.OiZScore is { } z ? z.ToString("+0.0;-0.0;0.0", Inv) : ctx.Na),
                new(t["quadrant.confidence"], NumberFormat.Percent((decimal)q.Confidence, 0, signed: false)),
            };
            if (q.Horizons.Count > 1)
            {
                // The other horizons stay visible: a 4 h build-up inside a 24 h flush is worth seeing both ways.
                fields.Add(new(t["quadrant.horizons"], ctx.List(q.Horizons.Select(h => h.Status == SignalStatus.Ok
                    ? t.Get("quadrant.horizonValue", ("window", HoursText(h.Window, ctx)), ("state", t["state." + h.State]),
                        ("confidence", NumberFormat.Percent((decimal)h.Confidence, 0, signed: false)))
                    : t.Get("quadrant.horizonNoData", ("window", HoursText(h.Window, ctx))))), Inline: false));
            }
            blocks.Add(new FieldsBlock(fields));
        }
        blocks.Add(new NoteBlock(t["quadrant.note"]));
        var tone = q.State switch
        {
            QuadrantState.LongCrowding or QuadrantState.ShortCrowding => ReportTone.Warning,
            _ => ReportTone.Neutral,
        };
        var report = new Report(
            ReportKind.Quadrant, t.Get("quadrant.title", ("symbol", symbol.Value)), blocks, ReportParts.Footer(snapshot, ctx),
            ReportParts.ViewActions(symbol, SymbolView.Quadrant, "quadrant " + symbol.Value, ctx), tone);
        var data = new QuadrantData(
            symbol.Value, snapshot.Venue, q.State.ToString(), signals.Funding.Current?.PerInterval, q.FundingPer8h, q.FundingChangePer8h,
            q.OiChange, q.OiZScore, Hours(q.Window), q.Reason.Code, q.Confidence, q.Status.ToString(), snapshot.DataTime, snapshot.IsStale(ctx.Now),
            IsoDuration(q.Window),
            q.Horizons.Select(h => new QuadrantHorizonData(IsoDuration(h.Window), Hours(h.Window), h.State.ToString(), h.Status.ToString(), h.Confidence, h.OiChange)).ToList());
        return new CommandReply(report, Data: data);
    }
}
