using System.Globalization;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Venues;
using DerivBot.Core.Charts;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Reports;

/// <summary>One venue row of <c>/venues</c> JSON. Rates and shares are fractions; OI in coins of the asset.</summary>
/// <param name="Symbol">The venue's own listing name (<c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>, <c>kPEPE</c>).</param>
/// <param name="FundingRate">Current/predicted rate per <paramref name="FundingIntervalHours"/>; null when the venue sent none.</param>
/// <param name="OiShare">Share of the aggregate OI (USD); null for stale rows, which are not in the aggregate.</param>
/// <param name="Stale">The venue's latest call failed; these are its last good figures.</param>
public sealed record VenueRowData(
    string Venue,
    string Symbol,
    decimal? FundingRate,
    int FundingIntervalHours,
    decimal? EightHourRate,
    decimal? AnnualizedRate,
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? OiShare,
    decimal? Volume24hUsd,
    decimal? OiToVolume,
    decimal MarkPrice,
    DateTimeOffset DataTime,
    bool Stale);

/// <summary>The cross-venue aggregate in JSON (over the venues that answered). Unknown values are null, never 0.</summary>
/// <param name="OpenInterest">Σ OI in coins.</param>
/// <param name="Change1h">Change of the summed OI (coins) of the venues with history over the hour.</param>
public sealed record VenueAggregateData(
    decimal OpenInterest,
    decimal OpenInterestUsd,
    decimal? Change1h,
    decimal? Change4h,
    decimal? Change24h,
    decimal? OiWeightedEightHourRate,
    decimal? OiWeightedAnnualizedRate,
    decimal? FundingSpreadEightHour)
{
    public static VenueAggregateData From(VenueAggregate a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.OpenInterestCoins, a.OpenInterestUsd, a.Change1h, a.Change4h, a.Change24h,
            a.OiWeightedEightHourRate, a.OiWeightedAnnualizedRate, a.FundingSpreadEightHour);
    }
}

/// <summary>A venue whose latest call failed, with the reason in the chat's language.</summary>
public sealed record MissingVenueData(string Venue, string Reason);

/// <summary>What <c>/venues</c> returns as JSON (field names fixed by the issue; scripts read them).</summary>
public sealed record VenuesData(string Asset, IReadOnlyList<VenueRowData> Venues, VenueAggregateData Aggregate, IReadOnlyList<MissingVenueData> Missing);

/// <summary>Builds the <c>/venues</c> report: one block per venue, the aggregate, missing venues, and the bar chart.</summary>
public static class VenuesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static CommandReply Build(VenueSnapshot snapshot, ReportContext ctx, IChartRenderer? charts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        var asset = snapshot.Asset;
        var comparison = snapshot.Comparison;
        var aggregate = comparison.Aggregate;
        var title = t.Get("venues.title", ("asset", asset));
        var actions = new List<ReportAction>();
        ReportParts.Add(actions, t["action.refresh"], "venues " + asset);
        ReportParts.Add(actions, t["action.funding"], "funding " + asset);
        ReportParts.Add(actions, t["action.oi"], "oi " + asset);

        var blocks = new List<ReportBlock>();
        if (!snapshot.HasData)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("venues.noData", ("asset", asset))));
        }
        foreach (var row in comparison.Rows)
        {
            blocks.Add(RowBlock(row, asset, ctx));
        }
        if (snapshot.HasData)
        {
            blocks.Add(new HeadingBlock(t.Get("venues.aggregate.heading", ("count", aggregate.Venues.ToString(Inv)))));
            blocks.Add(new FieldsBlock(AggregateFields(aggregate, asset, ctx)));
            if (aggregate.SignsDisagree)
            {
                var rated = comparison.Rows.Where(r => !r.Stale && r.EightHourRate is not null).ToList();
                blocks.Add(ParagraphBlock.Of(new TextRun(t.Get("venues.signsDisagree",
                    ("positive", ctx.List(rated.Where(r => r.EightHourRate > 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))),
                    ("negative", ctx.List(rated.Where(r => r.EightHourRate < 0m).Select(r => VenueDisplay.Name(r.Stat.Venue))))), TextStyle.Bold)));
            }
        }
        var missing = snapshot.Missing.Select(m => new MissingVenueData(m.Venue, Reason(m, ctx))).ToList();
        if (missing.Count > 0)
        {
            blocks.Add(new HeadingBlock(t["venues.missing.heading"]));
            blocks.Add(new ListBlock(missing
                .Select(m => (IReadOnlyList<TextRun>)[new TextRun(VenueDisplay.Name(m.Venue), TextStyle.Bold), new TextRun(": " + m.Reason)])
                .ToList()));
        }
        blocks.Add(new NoteBlock(t.Get("venues.note", ("asset", asset))));

        var tone = !snapshot.HasData ? ReportTone.Warning
            : aggregate.SignsDisagree ? ReportTone.Warning
            : aggregate.Change4h switch { > 0m => ReportTone.Bullish, < 0m => ReportTone.Bearish, _ => ReportTone.Neutral };
        var report = new Report(ReportKind.Venues, title, blocks, Footer(snapshot, ctx), actions, tone);
        var data = new VenuesData(
            asset,
            comparison.Rows.Select(r => new VenueRowData(
                r.Stat.Venue, r.Stat.Instrument, r.Stat.FundingRate, r.Stat.FundingIntervalHours, r.EightHourRate, r.AnnualizedRate,
                r.Stat.OpenInterestCoins, r.Stat.OpenInterestUsd, r.OiShare, r.Stat.Volume24hUsd, r.OiToVolume, r.Stat.MarkPrice,
                r.Stat.Time, r.Stale)).ToList(),
            VenueAggregateData.From(aggregate),
            missing);
        return new CommandReply(report, Chart(snapshot, ctx, charts, cancellationToken), data);
    }

    /// <summary>"Sources: Binance · Bybit · OKX · data as of …", then the missing venues with their reasons.</summary>
    public static string Footer(VenueSnapshot snapshot, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var answered = snapshot.Answered.Select(VenueDisplay.Name).ToList();
        var footer = ctx.T.Get("footer.sources",
            ("venues", answered.Count > 0 ? string.Join(" · ", answered) : ctx.Na),
            ("time", ctx.Time(snapshot.Time)));
        if (snapshot.Missing.Count > 0)
        {
            footer += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(snapshot.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return footer;
    }

    /// <summary>
    /// <paramref name="footer"/> followed by the aggregate's provenance: "aggregate: Binance · Bybit · OKX · Hyperliquid ·
    /// Gate", then the missing venues with their reasons. Unchanged without an aggregate.
    /// </summary>
    public static string? WithAggregate(string? footer, VenueSnapshot? venues, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return footer;
        }
        var text = ctx.T.Get("footer.aggregate", ("venues", string.Join(" · ", venues.Answered.Select(VenueDisplay.Name))));
        if (venues.Missing.Count > 0)
        {
            text += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(venues.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return string.IsNullOrEmpty(footer) ? text : footer + " · " + text;
    }

    /// <summary>The quadrant's footer addition: which venues' summed OI and OI-weighted funding it read.</summary>
    public static string? WithQuadrantInputs(string? footer, AggregateView? aggregate, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (aggregate is null)
        {
            return footer;
        }
        var parts = new List<string>();
        if (aggregate.OiVenues.Count > 0)
        {
            parts.Add(ctx.T.Get("footer.quadrantOi", ("venues", string.Join(" · ", aggregate.OiVenues.Select(VenueDisplay.Name)))));
        }
        if (aggregate.FundingVenues.Count > 0)
        {
            parts.Add(ctx.T.Get("footer.quadrantFunding", ("venues", string.Join(" · ", aggregate.FundingVenues.Select(VenueDisplay.Name)))));
        }
        var text = string.Join(" · ", parts);
        if (aggregate.Venues.Missing.Count > 0)
        {
            text += " · " + ctx.T.Get("footer.missing", ("venues", ctx.List(aggregate.Venues.Missing.Select(m => VenueDisplay.Name(m.Venue) + " (" + Reason(m, ctx) + ")"))));
        }
        return string.IsNullOrEmpty(footer) ? text : footer + " · " + text;
    }

    /// <summary>The <c>/oi</c> addition: total OI across venues and the changes of their summed history.</summary>
    public static IReadOnlyList<ReportBlock> OpenInterestBlocks(VenueSnapshot? venues, string asset, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return [];
        }
        var t = ctx.T;
        var a = venues.Comparison.Aggregate;
        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        return
        [
            new HeadingBlock(t.Get("venues.aggregate.heading", ("count", a.Venues.ToString(Inv)))),
            new FieldsBlock(
            [
                new(t["venues.aggregate.oi"], t.Get("oi.contractsValue", ("amount", ctx.Amount(a.OpenInterestCoins)), ("asset", AssetNames.AssetOf(asset))) + " (" + ctx.Usd(a.OpenInterestUsd) + ")", Inline: false),
                new(t["oi.change1h"], Change(a.Change1h)),
                new(t["oi.change4h"], Change(a.Change4h)),
                new(t["oi.change24h"], Change(a.Change24h)),
            ]),
        ];
    }

    /// <summary>The <c>/funding</c> addition: OI-weighted funding across venues, its annualized form, the spread.</summary>
    public static IReadOnlyList<ReportBlock> FundingBlocks(VenueSnapshot? venues, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (venues is not { HasData: true })
        {
            return [];
        }
        var t = ctx.T;
        var a = venues.Comparison.Aggregate;
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(t.Get("venues.aggregate.heading", ("count", a.Venues.ToString(Inv)))),
            new FieldsBlock(
            [
                new(t["venues.aggregate.weighted"], a.OiWeightedEightHourRate is { } w ? NumberFormat.FundingRate(w) : ctx.Na),
                new(t["venues.aggregate.weightedAnnual"], a.OiWeightedAnnualizedRate is { } wa ? NumberFormat.AnnualRate(wa) : ctx.Na),
                new(t["venues.aggregate.spread"], a.FundingSpreadEightHour is { } sp ? NumberFormat.Percent(sp, 4, signed: false) : ctx.Na),
            ]),
        };
        if (a.SignsDisagree)
        {
            var rated = venues.Comparison.Rows.Where(r => !r.Stale && r.EightHourRate is not null).ToList();
            blocks.Add(ParagraphBlock.Of(t.Get("venues.signsDisagree",
                ("positive", ctx.List(rated.Where(r => r.EightHourRate > 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))),
                ("negative", ctx.List(rated.Where(r => r.EightHourRate < 0m).Select(r => VenueDisplay.Name(r.Stat.Venue)))))));
        }
        return blocks;
    }

    /// <summary>Why a venue is missing, in a few words of the chat's language.</summary>
    public static string Reason(VenueFailure failure, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(ctx);
        var t = ctx.T;
        return failure.Kind switch
        {
            VenueErrorKind.RateLimited when failure.RetryAfter is { } wait && wait > TimeSpan.Zero =>
                t.Get("venues.reason.rateLimitedWait", ("wait", TimeFormat.Duration(TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(wait.TotalMinutes))), t))),
            VenueErrorKind.RateLimited => t["venues.reason.rateLimited"],
            VenueErrorKind.Banned => t["venues.reason.banned"],
            VenueErrorKind.BadResponse => t["venues.reason.badResponse"],
            VenueErrorKind.ServerError => t["venues.reason.serverError"],
            VenueErrorKind.Timeout => t["venues.reason.timeout"],
            VenueErrorKind.RegionBlocked => t["venues.reason.regionBlocked"],
            VenueErrorKind.InvalidSymbol => t["venues.reason.notListed"],
            _ => t["venues.reason.unreachable"],
        };
    }

    private static ParagraphBlock RowBlock(VenueComparisonRow row, string asset, ReportContext ctx)
    {
        var t = ctx.T;
        var s = row.Stat;
        var head = new List<TextRun> { new(VenueDisplay.Name(s.Venue), TextStyle.Bold), new(" · " + s.Instrument) };
        if (row.Stale)
        {
            head.Add(new TextRun(" · " + t.Get("venues.row.stale", ("ago", TimeFormat.Ago(s.Time, ctx.Now, t))), TextStyle.Italic));
        }
        var funding = s.FundingRate is { } rate
            ? t.Get("venues.row.funding",
                ("rate", NumberFormat.FundingRate(rate)),
                ("hours", s.FundingIntervalHours.ToString(Inv)),
                ("eight", NumberFormat.FundingRate(row.EightHourRate!.Value)),
                ("annual", NumberFormat.AnnualRate(row.AnnualizedRate!.Value)))
            : t.Get("venues.row.noFunding", ("hours", s.FundingIntervalHours.ToString(Inv)));
        var oi = t.Get("venues.row.oi",
            ("coins", ctx.Amount(s.OpenInterestCoins)),
            ("asset", asset),
            ("usd", ctx.Usd(s.OpenInterestUsd)),
            ("share", row.OiShare is { } share ? NumberFormat.Share(share) : ctx.Na));
        var volume = t.Get("venues.row.volume",
            ("volume", s.Volume24hUsd is { } v ? ctx.Usd(v) : ctx.Na),
            ("ratio", row.OiToVolume is { } r ? NumberFormat.Ratio(r, times: true) : ctx.Na),
            ("mark", NumberFormat.Price(s.MarkPrice)));
        return new ParagraphBlock([head, [new TextRun(funding)], [new TextRun(oi)], [new TextRun(volume)]]);
    }

    private static List<ReportField> AggregateFields(VenueAggregate a, string asset, ReportContext ctx)
    {
        var t = ctx.T;
        string Change(decimal? c) => c is { } v ? NumberFormat.Change(v) : ctx.Na;
        return
        [
            new(t["venues.aggregate.oi"], t.Get("oi.contractsValue", ("amount", ctx.Amount(a.OpenInterestCoins)), ("asset", asset)) + " (" + ctx.Usd(a.OpenInterestUsd) + ")", Inline: false),
            new(t["oi.change1h"], Change(a.Change1h)),
            new(t["oi.change4h"], Change(a.Change4h)),
            new(t["oi.change24h"], Change(a.Change24h)),
            new(t["venues.aggregate.weighted"], a.OiWeightedEightHourRate is { } w ? NumberFormat.FundingRate(w) : ctx.Na),
            new(t["venues.aggregate.weightedAnnual"], a.OiWeightedAnnualizedRate is { } wa ? NumberFormat.AnnualRate(wa) : ctx.Na),
            new(t["venues.aggregate.spread"], a.FundingSpreadEightHour is { } sp ? NumberFormat.Percent(sp, 4, signed: false) : ctx.Na),
        ];
    }

    private static ChartImage? Chart(VenueSnapshot snapshot, ReportContext ctx, IChartRenderer? charts, CancellationToken cancellationToken)
    {
        if (charts is null || !charts.IsAvailable || !snapshot.HasData)
        {
            return null;
        }
        var t = ctx.T;
        var bars = snapshot.Comparison.Rows
            .Where(r => !r.Stale)
            .Select(r => new VenueBar(VenueDisplay.Name(r.Stat.Venue), r.OiShare ?? 0m, r.EightHourRate))
            .ToList();
        var labels = new Dictionary<string, string>(ChartReports.Labels(ctx), StringComparer.Ordinal)
        {
            [ChartLabels.VenueShare] = t["venues.chart.share"],
            [ChartLabels.VenueFunding] = t["venues.chart.funding"],
            [ChartLabels.Weighted] = t["venues.chart.weighted"],
        };
        var text = new ChartText(
            t.Get("venues.chart.title", ("asset", snapshot.Asset)),
            Footer(snapshot, ctx),
            labels,
            ctx.Language);
        try
        {
            return charts.RenderVenues(new VenueChartSpec(text, bars, snapshot.Comparison.Aggregate.OiWeightedEightHourRate), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The text carries every number; a chart failure must not cost the reply.
            return null;
        }
    }
}

/// <summary>Venue ids as people write them: <c>okx</c> → OKX, <c>hyperliquid</c> → Hyperliquid.</summary>
public static class VenueDisplay
{
    public static string Name(string venue) => venue switch
    {
        VenueIds.Binance => "Binance",
        VenueIds.Bybit => "Bybit",
        VenueIds.Okx => "OKX",
        VenueIds.Hyperliquid => "Hyperliquid",
        VenueIds.Gate => "Gate",
        VenueIds.Aster => "Aster",
        VenueIds.Deribit => "Deribit",
        _ => ReportParts.VenueName(venue),
    };
}
