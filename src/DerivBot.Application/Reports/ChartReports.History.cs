using DerivBot.Application.Localization;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

public static partial class ChartReports
{
    /// <summary>
    /// The <c>/chart</c> reply: the history image with a text summary as caption, or the summary alone (with a note
    /// saying why) when charts are unavailable.
    /// </summary>
    public static CommandReply History(MarketSnapshot snapshot, string window, SignalOptions options, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var span = TimeSpan.FromDays(int.Parse(window.TrimEnd('d'), Inv));
        var from = ctx.Now - span;
        var symbol = snapshot.Symbol;
        var price = PriceLine(snapshot, from, ctx.Now);
        var oi = snapshot.OpenInterest.Where(p => p.Time >= from && p.Time <= ctx.Now).ToList();
        var funding = snapshot.FundingHistory.Where(p => p.Time >= from && p.Time <= ctx.Now).ToList();
        var spans = QuadrantModel.Series(snapshot, from, ctx.Now, options);

        decimal? priceChange = price.Count >= 2 && price[0].Price != 0m ? (price[^1].Price - price[0].Price) / price[0].Price : null;
        decimal? oiChange = oi.Count >= 2 && oi[0].Contracts != 0m ? (oi[^1].Contracts - oi[0].Contracts) / oi[0].Contracts : null;
        decimal? avgFunding = funding.Count > 0 ? funding.Average(p => p.Rate) : null;
        var covered = spans.Sum(s => (s.End - s.Start).TotalSeconds);
        var shares = Enum.GetValues<QuadrantState>()
            .Select(state => (State: state, Share: covered > 0 ? spans.Where(s => s.State == state).Sum(s => (s.End - s.Start).TotalSeconds) / covered : 0))
            .Where(x => x.Share > 0)
            .ToList();

        var windowText = t.Get("common.days", ("days", span.TotalDays.ToString("0", Inv)));
        var fields = new List<ReportField>
        {
            new(t["chart.priceChange"], priceChange is { } pc ? NumberFormat.Change(pc) : ctx.Na),
            new(t["chart.oiChange"], oiChange is { } oc ? NumberFormat.Change(oc) : ctx.Na),
            new(t["chart.fundingAvg"], avgFunding is { } af ? NumberFormat.FundingRate(af) : ctx.Na),
            new(t["chart.quadrantTime"], shares.Count > 0
                ? ctx.List(shares.OrderByDescending(x => x.Share).Select(x => t.Get("chart.stateShare", ("state", t["state." + x.State]), ("share", NumberFormat.Percent((decimal)x.Share, 0, signed: false)))))
                : ctx.Na, Inline: false),
        };
        var blocks = new List<ReportBlock> { new FieldsBlock(fields) };
        ChartImage? image = null;
        if (charts is { IsAvailable: true })
        {
            var text = new ChartText(
                t.Get("chart.title", ("symbol", symbol.Value), ("window", windowText)),
                t.Get("chart.subtitle", ("venue", ReportParts.VenueName(snapshot.Venue))),
                Labels(ctx),
                ctx.Language);
            image = charts.RenderHistory(new HistoryChartSpec(text, price, oi, funding, spans, ctx.Zone), cancellationToken);
        }
        else
        {
            blocks.Insert(0, new NoteBlock(t["chart.unavailable"]));
        }
        var actions = new List<ReportAction>();
        foreach (var w in Windows.Where(w => w != window))
        {
            ReportParts.Add(actions, w, "chart " + symbol.Value + " " + w);
        }
        ReportParts.Add(actions, t["action.refresh"], "chart " + symbol.Value + " " + window);
        var report = new Report(
            ReportKind.Chart, t.Get("chart.reportTitle", ("symbol", symbol.Value), ("window", window)), blocks, ReportParts.Footer(snapshot, ctx), actions);
        var data = new ChartData(
            symbol.Value, snapshot.Venue, window, priceChange, oiChange, avgFunding,
            shares.ToDictionary(x => x.State.ToString(), x => x.Share), image is not null, snapshot.DataTime, snapshot.IsStale(ctx.Now));
        return new CommandReply(report, image, data);
    }
}
