using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>What <c>/quadrant</c> returns as JSON. Rates and changes are fractions.</summary>
/// <param name="Quadrant">The <see cref="QuadrantState"/> id: Neutral, LongCrowding, ShortCrowding, Churn, Deleveraging.</param>
/// <param name="FundingRate">The predicted rate per the symbol's own interval.</param>
/// <param name="FundingRatePer8h">The 8 h-equivalent rate the model uses.</param>
/// <param name="OiChange">OI change in contracts over <paramref name="Window"/>.</param>
/// <param name="Window">The model's window, e.g. "4h".</param>
/// <param name="Reason">The model's reason code, e.g. <c>quadrant.long_crowding</c>.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Horizon">The deciding horizon as an ISO 8601 duration ("PT4H", "PT24H"): the same span as <paramref name="Window"/>.</param>
/// <param name="Horizons">Every horizon's reading, shortest first.</param>
public sealed record QuadrantData(
    string Symbol,
    string Venue,
    string Quadrant,
    decimal? FundingRate,
    decimal? FundingRatePer8h,
    decimal? FundingChangePer8h,
    decimal? OiChange,
    double? OiZScore,
    string Window,
    string Reason,
    double Confidence,
    string Status,
    DateTimeOffset DataTime,
    bool Stale,
    string Horizon,
    IReadOnlyList<QuadrantHorizonData> Horizons);

/// <summary>One horizon of <see cref="QuadrantData"/>: ISO 8601 duration, "4h"-style window, state id, status, confidence 0..1, OI change (fraction).</summary>
public sealed record QuadrantHorizonData(string Horizon, string Window, string Quadrant, string Status, double Confidence, decimal? OiChange);

/// <summary>Long/short reading in <see cref="LongShortData"/>.</summary>
public sealed record RatioData(string Series, decimal? Value, double? Percentile, string Extreme);

/// <summary>What <c>/ls</c> returns as JSON.</summary>
public sealed record LongShortData(string Symbol, string Venue, IReadOnlyList<RatioData> Readings, string Reason, DateTimeOffset DataTime, bool Stale);

/// <summary>What <c>/rsi</c> returns as JSON.</summary>
/// <param name="Rsi">RSI on closed candles (what zones and alerts use).</param>
/// <param name="FormingRsi">RSI including the candle still forming, for display; null when the newest candle has closed.</param>
public sealed record RsiData(string Symbol, string Venue, double? Rsi, int Period, string Interval, string Zone, bool StackedOverheating, bool StackedOversold, string Reason, DateTimeOffset DataTime, bool Stale, double? FormingRsi);

/// <summary>What <c>/signal</c> returns as JSON: the headline of every signal. Rates and changes are fractions.</summary>
public sealed record DashboardData(
    string Symbol,
    string Venue,
    string Quadrant,
    string QuadrantReason,
    decimal? FundingRate,
    int FundingIntervalHours,
    decimal? AnnualizedRate,
    decimal OpenInterestUsd,
    decimal? OiChange4h,
    decimal LiquidatedLongUsd24h,
    decimal LiquidatedShortUsd24h,
    decimal? LongShortRatio,
    double? Rsi,
    string Phase,
    string PriceOiRegime,
    DateTimeOffset DataTime,
    bool Stale,
    string QuadrantHorizon);

/// <summary>Builders for the signal-engine reports: /quadrant, /ls, /rsi, /signal.</summary>
public static class SignalReports
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
