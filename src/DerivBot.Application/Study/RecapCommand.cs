using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Commands;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Subscriptions;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Study;

/// <summary>
/// <c>/recap [SYMBOL]</c> and the weekly recap digest (<c>/subscribe recap weekly sun 20:00</c>, or per symbol): per
/// symbol the week's quadrant changes, funding extremes, the largest liquidation cascade and the heatmap check, then
/// the chat's top quiz scorers of the week — one message in the chat's language.
/// </summary>
public sealed class RecapCommand(
    SymbolQuery query,
    SymbolLookup symbols,
    IMarketData market,
    IQuizStore quizzes,
    ILocalizer localizer,
    ISubscriptionStore? subscriptions = null,
    IChartRenderer? charts = null) : ICommandHandler
{
    /// <summary>The recap covers the 7 days before now.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Quadrant sampling step.</summary>
    public static readonly TimeSpan QuadrantStep = TimeSpan.FromHours(4);

    /// <summary>Width of the window a cascade is measured in.</summary>
    public static readonly TimeSpan CascadeBucket = TimeSpan.FromMinutes(5);

    /// <summary>At most this many symbols per recap (a message has limits).</summary>
    public const int MaxSymbols = 5;

    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("recap", ["week"], CommandCatalog.Describe(localizer, "cmd.recap.description"), false, [CommandCatalog.SymbolOption(localizer, required: false)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ctx = await query.ContextAsync(request, cancellationToken).ConfigureAwait(false);
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count > 1)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1))));
        }
        IReadOnlyList<Symbol> list;
        if (args.Count == 1)
        {
            list = [await symbols.ResolveAsync(args[0], cancellationToken).ConfigureAwait(false)];
        }
        else
        {
            var subs = subscriptions is null ? [] : await subscriptions.ListSubscriptionsAsync(request.Chat, cancellationToken).ConfigureAwait(false);
            list = subs.Select(s => s.Symbol).Where(s => s != DigestKindExtensions.AllSymbols).Distinct().Take(MaxSymbols).ToList();
        }
        var weeks = new List<SymbolWeek>();
        ChartImage? image = null;
        foreach (var symbol in list)
        {
            var snapshot = await market.GetSnapshotAsync(symbol, cancellationToken).ConfigureAwait(false);
            weeks.Add(Summarize(snapshot, ctx.Now, query.SignalOptions));
            if (weeks.Count == 1 && charts is { IsAvailable: true })
            {
                // The one image: the first symbol's 7-day history chart (price, OI, funding, quadrant spans).
                image = ChartReports.History(snapshot, "7d", query.SignalOptions, ctx, charts, cancellationToken).Image;
            }
        }
        var scores = await quizzes.GetScoresAsync(request.Chat with { ThreadId = null }, ctx.Now - Week, cancellationToken).ConfigureAwait(false);
        return CommandResult.Of(Build(weeks, scores.Take(3).ToList(), ctx), image, new { Symbols = weeks.Select(w => w.Symbol.Value).ToList(), Scores = scores.Take(3).ToList() });
    }

    /// <summary>The week of one symbol (pure: snapshot and now in).</summary>
    public static SymbolWeek Summarize(MarketSnapshot snapshot, DateTimeOffset now, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var from = now - Week;
        var changes = new List<(DateTimeOffset, QuadrantState, QuadrantState)>();
        QuadrantState? previous = null;
        for (var t = from; t <= now; t += QuadrantStep)
        {
            var q = SignalEngine.Compute(snapshot, t, options).Quadrant;
            if (q.Status != SignalStatus.Ok)
            {
                continue;
            }
            if (previous is { } p && p != q.State)
            {
                changes.Add((t, p, q.State));
            }
            previous = q.State;
        }
        var current = SignalEngine.Compute(snapshot, now, options).Quadrant;
        var settled = snapshot.FundingHistory.Where(f => f.Time > from && f.Time <= now).ToList();
        var factor = 8m / Math.Max(1, snapshot.FundingIntervalHours);
        (decimal, DateTimeOffset)? high = settled.Count == 0 ? null : settled.MaxBy(f => f.Rate) is var h ? (h.Rate * factor, h.Time) : null;
        (decimal, DateTimeOffset)? low = settled.Count == 0 ? null : settled.MinBy(f => f.Rate) is var l ? (l.Rate * factor, l.Time) : null;
        var buckets = snapshot.Liquidations.Where(e => e.Symbol == snapshot.Symbol && e.Time > from && e.Time <= now)
            .GroupBy(e => e.Time.ToUnixTimeSeconds() / (long)CascadeBucket.TotalSeconds)
            .Select(g => (Start: DateTimeOffset.FromUnixTimeSeconds(g.Key * (long)CascadeBucket.TotalSeconds), Usd: g.Sum(e => e.NotionalUsd),
                Side: g.Where(e => e.Side == PositionSide.Long).Sum(e => e.NotionalUsd) >= g.Where(e => e.Side == PositionSide.Short).Sum(e => e.NotionalUsd) ? PositionSide.Long : PositionSide.Short))
            .OrderByDescending(b => b.Usd).ThenBy(b => b.Start)
            .ToList();
        var sweeps = SweepReports.Sweeps(snapshot, options.LiquidationLevels, now);
        var start = SweepReports.CheckedFrom(snapshot, now);
        return new SymbolWeek(snapshot.Symbol, changes, current.Status == SignalStatus.Ok ? current.State : null, high, low,
            buckets.Count == 0 ? null : buckets[0], LiquidationSweeps.Calibrate(sweeps, now, Week, start));
    }

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
