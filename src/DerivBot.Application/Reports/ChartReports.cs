using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>A liquidation window in <see cref="LiquidationsData"/>.</summary>
public sealed record LiquidationWindowData(int Hours, decimal LongUsd, decimal ShortUsd, int LongCount, int ShortCount);

/// <summary>A single liquidation in <see cref="LiquidationsData"/>.</summary>
/// <param name="Venue">Venue id of the event (<c>binance</c>, <c>bybit</c>, <c>okx</c>, <c>gate</c>).</param>
public sealed record LiquidationEventData(DateTimeOffset Time, string Side, decimal Price, decimal NotionalUsd, string? Venue = null);

/// <summary>One venue's liquidation totals in <see cref="LiquidationsData"/>, USD over 1 h / 4 h / 24 h, and how
/// completely that venue reports (<c>snapshot</c>: Binance's one event per symbol per second; <c>every</c>: Bybit, OKX;
/// <c>polled</c>: Gate).</summary>
public sealed record LiquidationVenueData(string Venue, decimal Usd1h, decimal Usd4h, decimal Usd24h, int Count24h, string Coverage);

/// <summary>An estimated cluster in <see cref="LiquidationsData"/>.</summary>
/// <param name="Distance">(price − mark) / mark: negative below the mark.</param>
public sealed record ClusterData(string Side, decimal Price, decimal NotionalUsd, decimal Distance);

/// <summary>What <c>/liq</c> returns as JSON. USD amounts are lower bounds when <paramref name="TotalsAreLowerBound"/>.</summary>
public sealed record LiquidationsData(
    string Symbol,
    string Venue,
    IReadOnlyList<LiquidationWindowData> Windows,
    IReadOnlyList<LiquidationEventData> Largest,
    bool Cascade,
    bool TotalsAreLowerBound,
    ClusterData? ClusterAbove,
    ClusterData? ClusterBelow,
    string Reason,
    DateTimeOffset DataTime,
    bool Stale,
    IReadOnlyList<LiquidationVenueData>? Venues = null);

/// <summary>What <c>/chart</c> returns as JSON: the text summary behind the image.</summary>
public sealed record ChartData(
    string Symbol,
    string Venue,
    string Window,
    decimal? PriceChange,
    decimal? OiChange,
    decimal? AverageFundingRate,
    IReadOnlyDictionary<string, double> QuadrantShare,
    bool ImageAttached,
    DateTimeOffset DataTime,
    bool Stale);

/// <summary>Builders for the reports that can carry an image: /liq (heatmap) and /chart (history).</summary>
public static class ChartReports
{
    /// <summary>How far back the heatmap replays candles through the levels model.</summary>
    public static readonly TimeSpan HeatmapLookback = TimeSpan.FromHours(48);

    /// <summary>The windows <c>/chart</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Windows = ["1d", "3d", "7d", "30d"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The <c>/liq</c> reply: realised totals, largest events, cascade flag, lower-bound note and the nearest estimated
    /// clusters; with the heatmap image (text as caption) when <paramref name="charts"/> is available.
    /// With <paramref name="aggregate"/> carrying a summed OI series, the levels and the heatmap read the OI changes of
    /// every venue in it (see <see cref="LiquidationLevels.Build"/>), and the chart subtitle and the footer name them.
    /// </summary>
    public static CommandReply Liquidations(MarketSnapshot snapshot, SignalReport signals, SignalOptions options, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken, Venues.AggregateView? aggregate = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var liq = signals.Liquidations;
        var symbol = snapshot.Symbol;
        var oiVenues = aggregate is { OiVenues.Count: > 1 } ? aggregate.OiVenues : null;
        var levels = LiquidationLevels.Build(snapshot, ctx.Now - HeatmapLookback, ctx.Now, options.LiquidationLevels,
            oiVenues is null ? null : aggregate!.QuadrantSnapshot.OpenInterest);
        var levelsVenues = oiVenues is null ? null : t.Get("liq.levelsOi", ("venues", string.Join(" · ", oiVenues.Select(VenueDisplay.Name))));
        var mark = levels.Profile?.MarkPrice ?? snapshot.Premium?.MarkPrice ?? 0m;
        var above = levels.Profile?.ShortClusters.Where(c => c.Price > mark).OrderBy(c => c.Price).FirstOrDefault();
        var below = levels.Profile?.LongClusters.Where(c => c.Price < mark).OrderByDescending(c => c.Price).FirstOrDefault();

        var windows = liq.Windows.Select(w => new LiquidationWindowData((int)Math.Round(w.Window.TotalHours), w.LongUsd, w.ShortUsd, w.LongCount, w.ShortCount)).ToList();
        var fields = windows.Select(w => new ReportField(
            t.Get("liq.window", ("hours", w.Hours.ToString(Inv))),
            t.Get("liq.windowValue", ("long", ctx.Usd(w.LongUsd)), ("longCount", w.LongCount.ToString(Inv)), ("short", ctx.Usd(w.ShortUsd)), ("shortCount", w.ShortCount.ToString(Inv))),
            Inline: false)).ToList();
        var blocks = new List<ReportBlock>();
        if (liq.Cascade.Active)
        {
            blocks.Add(ParagraphBlock.Of(new TextRun(ReasonText.Format(liq.Reason, ctx), TextStyle.Bold)));
        }
        blocks.Add(new FieldsBlock(fields));
        var perVenue = liq.Venues.Count > 1 || liq.Venues.Any(v => !string.Equals(v.Venue, snapshot.Venue, StringComparison.Ordinal));
        if (perVenue)
        {
            blocks.AddRange(VenueBlocks(liq, ctx));
        }
        if (!liq.Cascade.Active)
        {
            blocks.Add(ParagraphBlock.Of(ReasonText.Format(liq.Reason, ctx)));
        }
        if (liq.Largest.Count > 0)
        {
            blocks.Add(new HeadingBlock(t["liq.largest"]));
            blocks.Add(new ListBlock(liq.Largest.Select(l => (IReadOnlyList<TextRun>)[new TextRun(t.Get("liq.event",
                ("time", TimeFormat.Clock(l.Time, ctx.Zone)), ("side", t["liq.side." + l.Side]), ("usd", ctx.Usd(l.NotionalUsd)), ("price", NumberFormat.Price(l.AveragePrice != 0m ? l.AveragePrice : l.Price)))
                + (perVenue ? " · " + VenueDisplay.Name(l.Venue ?? snapshot.Venue) : ""))]).ToList()));
        }
        blocks.Add(new HeadingBlock(t["liq.clusters"]));
        blocks.Add(new FieldsBlock(
        [
            new(t["liq.clusterAbove"], ClusterText(above, ctx), Inline: false),
            new(t["liq.clusterBelow"], ClusterText(below, ctx), Inline: false),
        ]));
        if (SweepReports.LastCheck(snapshot, options.LiquidationLevels, ctx) is { } lastCheck)
        {
            blocks.Add(ParagraphBlock.Of(lastCheck)); // the heatmap's last modelled-vs-realised check (/levels)
        }
        if (liq.TotalsAreLowerBound)
        {
            blocks.Add(new NoteBlock(t["liq.lowerBound"]));
        }
        blocks.Add(new NoteBlock(t["liq.levelsNote"]));

        var report = new Report(
            ReportKind.Liquidations, t.Get("liq.title", ("symbol", symbol.Value)), blocks,
            levelsVenues is null ? ReportParts.Footer(snapshot, ctx) : JoinFooter(ReportParts.Footer(snapshot, ctx), levelsVenues),
            ReportParts.ViewActions(symbol, SymbolView.Liquidations, "liq " + symbol.Value, ctx),
            liq.Cascade.Active ? ReportTone.Warning : ReportTone.Neutral);

        ChartImage? image = null;
        if (charts is { IsAvailable: true } && levels.Grid is { } grid)
        {
            var from = grid.Times.Count > 0 ? grid.Times[0] : ctx.Now - HeatmapLookback;
            var text = new ChartText(
                t.Get("liq.chartTitle", ("symbol", symbol.Value)),
                t.Get("liq.chartSubtitle", ("venue", ReportParts.VenueName(snapshot.Venue)), ("from", ctx.Time(from)), ("to", ctx.Time(ctx.Now)))
                    + (levelsVenues is null ? "" : " · " + levelsVenues),
                Labels(ctx),
                ctx.Language);
            var spec = new HeatmapChartSpec(
                text, grid, PriceLine(snapshot, from, ctx.Now), mark,
                [.. levels.Profile?.LongClusters ?? [], .. levels.Profile?.ShortClusters ?? []], ctx.Zone,
                Sweeps: SweepReports.Sweeps(snapshot, options.LiquidationLevels, ctx.Now).Where(w => w.End > from)
                    .Select(w => new SweptBand(w.Side, w.BandLow, w.BandHigh, w.Start, w.End, w.Ratio)).ToList());
            image = charts.RenderHeatmap(spec, cancellationToken);
        }
        var data = new LiquidationsData(
            symbol.Value, snapshot.Venue, windows,
            liq.Largest.Select(l => new LiquidationEventData(l.Time, l.Side.ToString(), l.AveragePrice != 0m ? l.AveragePrice : l.Price, l.NotionalUsd, l.Venue ?? snapshot.Venue)).ToList(),
            liq.Cascade.Active, liq.TotalsAreLowerBound, Cluster(above), Cluster(below), liq.Reason.Code, snapshot.DataTime, snapshot.IsStale(ctx.Now),
            liq.Venues.Select(v => new LiquidationVenueData(v.Venue, v.Usd1h, v.Usd4h, v.Usd24h, v.Count24h, Coverage(v.Venue))).ToList());
        return new CommandReply(report, image, data);
    }

    private static string JoinFooter(string? footer, string addition) => string.IsNullOrEmpty(footer) ? addition : footer + " · " + addition;

    /// <summary>How completely a venue's feed reports liquidations: Binance's stream is a one-per-symbol-per-second
    /// snapshot, Bybit and OKX push every event, Gate is polled.</summary>
    public static string Coverage(string venue) => (venue.StartsWith("replay:", StringComparison.Ordinal) ? venue["replay:".Length..] : venue) switch
    {
        VenueIds.Binance => "snapshot",
        VenueIds.Gate => "polled",
        VenueIds.Bybit or VenueIds.Okx => "every",
        _ => "every",
    };

    /// <summary>The per-venue split of the merged flow (one line per venue and the merged line) and each venue's coverage.</summary>
    internal static IEnumerable<ReportBlock> VenueBlocks(LiquidationSignal liq, ReportContext ctx)
    {
        var t = ctx.T;
        string Value(decimal h1, decimal h4, decimal h24, int count) => t.Get("liq.venueValue",
            ("h1", ctx.Usd(h1)), ("h4", ctx.Usd(h4)), ("h24", ctx.Usd(h24)), ("count", count.ToString(Inv)));
        var fields = liq.Venues.Select(v => new ReportField(VenueDisplay.Name(v.Venue), Value(v.Usd1h, v.Usd4h, v.Usd24h, v.Count24h), Inline: false)).ToList();
        fields.Add(new ReportField(t["liq.venueMerged"],
            Value(liq.Venues.Sum(v => v.Usd1h), liq.Venues.Sum(v => v.Usd4h), liq.Venues.Sum(v => v.Usd24h), liq.Venues.Sum(v => v.Count24h)), Inline: false));
        yield return new HeadingBlock(t["liq.byVenue"]);
        yield return new FieldsBlock(fields);
        var coverage = liq.Venues.Select(v => t.Get("liq.coverage." + Coverage(v.Venue), ("venue", VenueDisplay.Name(v.Venue))));
        yield return new NoteBlock(t.Get("liq.coverage", ("list", string.Join(t["liq.coverage.separator"], coverage))));
    }

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

    /// <summary>Every label the chart renderer looks up (keys as in Core's ChartLabels), already localized.</summary>
    internal static IReadOnlyDictionary<string, string> Labels(ReportContext ctx)
    {
        var t = ctx.T;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mark"] = t["chart.mark"],
            ["long"] = t["chart.long"],
            ["short"] = t["chart.short"],
            ["colorbar"] = t["chart.colorbar"],
            ["price"] = t["chart.price"],
            ["oi"] = t["chart.oi"],
            ["funding"] = t["chart.funding"],
            ["noData"] = t["chart.noData"],
            ["swept"] = t["chart.swept"],
        };
        foreach (var state in Enum.GetValues<QuadrantState>())
        {
            labels[state.ToString()] = t["state." + state];
        }
        if (ctx.Language != Language.En)
        {
            // Chinese charts label USD with 萬/億 (万/亿), like the text.
            labels["unit.1e4"] = ctx.Language == Language.ZhTw ? "萬" : "万";
            labels["unit.1e8"] = ctx.Language == Language.ZhTw ? "億" : "亿";
        }
        return labels;
    }

    private static List<PricePoint> PriceLine(MarketSnapshot snapshot, DateTimeOffset from, DateTimeOffset to) =>
        snapshot.Klines.Where(k => k.OpenTime >= from && k.OpenTime <= to).Select(k => new PricePoint(k.CloseTime, k.Close)).ToList();

    private static string ClusterText(LiquidationCluster? cluster, ReportContext ctx) =>
        cluster is null
            ? ctx.T["liq.noCluster"]
            : ctx.T.Get("liq.clusterValue", ("price", NumberFormat.Price(cluster.Price)), ("distance", NumberFormat.Change(cluster.DistanceFraction)), ("usd", ctx.Usd(cluster.NotionalUsd)));

    private static ClusterData? Cluster(LiquidationCluster? c) =>
        c is null ? null : new ClusterData(c.Side.ToString(), c.Price, c.NotionalUsd, c.DistanceFraction);
}
