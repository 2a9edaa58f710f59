using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Application.OptionChains;
using DerivBot.Core.Chat;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>Builds the <c>/options</c> report, its JSON and the open-interest-by-strike image.</summary>
public static partial class OptionsReport
{
    /// <summary>Expiries listed in the text (Deribit lists about a dozen; the JSON carries all of them).</summary>
    public const int ExpiriesShown = 12;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static CommandReply Build(OptionsView view, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var s = view.Signal;
        var asset = view.Chain.Asset;
        var title = t.Get("options.title", ("asset", asset));
        var footer = Footer(view, ctx);
        var actions = new List<ReportAction>();
        ReportParts.Add(actions, t["action.refresh"], "options " + asset);
        ReportParts.Add(actions, t["options.action.dashboard"], "signal " + asset);
        ReportParts.Add(actions, t["learn.topic.options"], "learn options");

        var data = new OptionsData(
            asset, view.Chain.Venue, s.UnderlyingPrice, R(s.PutCallOiRatio), R(s.PutCallVolumeRatio), R(s.CallOiShare),
            s.Expiries.Select(e => new OptionsExpiryData(e.Expiry.UtcDateTime.ToString("yyyy-MM-dd", Inv), R(e.PutCallOiRatio), R(e.PutCallVolumeRatio), e.CallOi, e.PutOi, e.MaxPain, R(e.AtmIv))).ToList(),
            s.MaxPain, s.Reading?.ToString(), s.Reason.Code, view.Chain.Time, view.Stale);

        if (s.Status != SignalStatus.Ok)
        {
            var blocks0 = new List<ReportBlock> { ParagraphBlock.Of(t.Get("options.noData", ("venue", ReportParts.VenueName(view.Chain.Venue)), ("asset", asset))) };
            return new CommandReply(new Report(ReportKind.Options, title, blocks0, footer, actions, ReportTone.Warning), Data: data);
        }

        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(t["options.reading"] + ": " + t["options.reading." + s.Reading]),
            ParagraphBlock.Of(ReasonText.Format(s.Reason, ctx)),
        };
        foreach (var flag in s.Flags)
        {
            blocks.Add(ParagraphBlock.Of(new TextRun(ReasonText.Format(flag, ctx), TextStyle.Bold)));
        }

        var fields = new List<ReportField>
        {
            new(t["options.underlying"], s.UnderlyingPrice is { } u ? NumberFormat.Price(u) : ctx.Na),
            new(t["options.pcOi"], Ratio(s.PutCallOiRatio, ctx)),
            new(t["options.pcVolume"], Ratio(s.PutCallVolumeRatio, ctx)),
            new(t["options.callShare"], s.CallOiShare is { } cs ? NumberFormat.Share(cs) : ctx.Na),
            new(t["options.openInterest"], t.Get("options.openInterestValue", ("calls", ctx.Amount(s.CallOi)), ("puts", ctx.Amount(s.PutOi)), ("asset", asset)), Inline: false),
            new(s.NearestMonthly is { } m ? t.Get("options.maxPain", ("expiry", Date(m.Expiry))) : t["options.maxPainNoMonthly"],
                s.MaxPain is { } mp
                    ? t.Get("options.maxPainValue", ("price", NumberFormat.Price(mp)), ("distance", s.MaxPainDistance is { } d ? NumberFormat.Change(d) : ctx.Na))
                    : ctx.Na, Inline: false),
            new(t["options.atmIv"], s.AtmIv is { } iv
                ? s.AtmIvChange is { } ivc
                    ? t.Get("options.atmIvValue", ("iv", NumberFormat.Share(iv)), ("change", Points(ivc)), ("hours", Hours(s.Thresholds.Window)))
                    : NumberFormat.Share(iv)
                : ctx.Na),
            new(t["options.pcChange"], s.PutCallChange is { } pcc
                ? t.Get("options.pcChangeValue", ("change", pcc.ToString("+0.00;-0.00;0.00", Inv)), ("hours", Hours(s.Thresholds.Window)))
                : t.Get("options.historyMissing", ("hours", Hours(s.Thresholds.Window)))),
            new(t["options.percentile"], s.PutCallPercentile is { } p
                ? t.Get("options.percentileValue", ("pct", Math.Round(p.Percentile * 100).ToString("0", Inv)), ("count", p.SampleCount.ToString(Inv)), ("days", Math.Max(1, Math.Round(p.Covered.TotalDays)).ToString("0", Inv)))
                : t.Get("options.percentileMissing", ("min", s.Thresholds.MinPercentileSamples.ToString(Inv))), Inline: false),
        };
        blocks.Add(new FieldsBlock(fields));

        blocks.Add(new HeadingBlock(t["options.buckets"]));
        blocks.Add(new FieldsBlock(s.Buckets.Select(b => new ReportField(
            t["options.bucket." + b.Bucket],
            b.Bucket != OptionsBucket.All && b.Expiry is null
                ? ctx.Na
                : t.Get("options.bucketValue", ("expiry", b.Expiry is { } be ? Date(be) : t["options.allExpiries"]), ("oi", Ratio(b.PutCallOiRatio, ctx)), ("volume", Ratio(b.PutCallVolumeRatio, ctx)))))
            .ToList()));

        blocks.Add(new HeadingBlock(t["options.expiries"]));
        blocks.Add(new ListBlock(s.Expiries.Take(ExpiriesShown).Select(e => (IReadOnlyList<TextRun>)
        [
            new TextRun(Date(e.Expiry) + Tag(e, t), TextStyle.Bold),
            new TextRun(" " + t.Get("options.expiryLine",
                ("oi", Ratio(e.PutCallOiRatio, ctx)), ("volume", Ratio(e.PutCallVolumeRatio, ctx)),
                ("calls", ctx.Amount(e.CallOi)), ("puts", ctx.Amount(e.PutOi)), ("asset", asset),
                ("maxPain", e.MaxPain is { } emp ? NumberFormat.Price(emp) : ctx.Na),
                ("iv", e.AtmIv is { } eiv ? NumberFormat.Share(eiv) : ctx.Na))),
        ]).ToList()));
        if (s.Expiries.Count > ExpiriesShown)
        {
            blocks.Add(new NoteBlock(t.Get("options.moreExpiries", ("count", (s.Expiries.Count - ExpiriesShown).ToString(Inv)))));
        }
        blocks.Add(new NoteBlock(t["options.note"]));

        var tone = s.Flags.Count > 0 ? ReportTone.Warning
            : s.Reading == OptionsReading.CallHeavy ? ReportTone.Bullish
            : s.Reading == OptionsReading.PutHeavy ? ReportTone.Bearish
            : ReportTone.Neutral;
        var report = new Report(ReportKind.Options, title, blocks, footer, actions, tone);

        ChartImage? image = null;
        if (charts is { IsAvailable: true })
        {
            image = charts.RenderOptionsStrikes(ChartSpec(view, ctx), cancellationToken);
        }
        return new CommandReply(report, image, data);
    }

    private static string Footer(OptionsView view, ReportContext ctx)
    {
        var footer = ctx.T.Get("footer.source", ("venue", ReportParts.VenueName(view.Chain.Venue)), ("time", ctx.Time(view.Chain.Time)));
        if (view.Stale)
        {
            footer += " · " + ctx.T.Get("footer.stale", ("ago", TimeFormat.Ago(view.Chain.Time, view.Now, ctx.T)));
            if (view.RefreshFailed)
            {
                footer += " (" + ctx.T["footer.refreshFailed"] + ")";
            }
        }
        return footer;
    }

    /// <summary>JSON ratios to 6 decimals (0.000001 puts per call is far below anything that matters).</summary>
    private static decimal? R(decimal? value) => value is { } v ? Math.Round(v, 6, MidpointRounding.AwayFromZero) : null;

    private static string Ratio(decimal? ratio, ReportContext ctx) => ratio is { } r ? NumberFormat.Ratio(r) : ctx.Na;

    private static string Date(DateTimeOffset expiry) => expiry.UtcDateTime.ToString("yyyy-MM-dd", Inv);

    private static string Hours(TimeSpan window) => Math.Round(window.TotalHours).ToString("0", Inv);

    /// <summary>IV change in percentage points: +3.2 pt.</summary>
    private static string Points(decimal fractionChange) => (fractionChange * 100m).ToString("+0.0;-0.0;0.0", Inv) + " pt";

    private static string Tag(ExpiryStats e, Texts t) =>
        e.IsQuarterly ? " (" + t["options.tag.quarterly"] + ")"
        : e.IsMonthly ? " (" + t["options.tag.monthly"] + ")"
        : e.IsFriday ? " (" + t["options.tag.weekly"] + ")"
        : string.Empty;
}
