using DerivBot.Application.Localization;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Reports;
using DerivBot.Core.Signals;

namespace DerivBot.Application.Reports;

/// <summary>
/// "Modelled vs realised" (<c>/levels SYMBOL</c>, <c>/liq SYMBOL check</c>): the heatmap's clusters that price swept,
/// each with its estimated notional beside the liquidations actually recorded in its band during the sweep, and the
/// running calibration over 7 and 30 days (as far as the history held reaches). See docs/liquidation-levels.md.
/// </summary>
public static class SweepReports
{
    /// <summary>How many recent sweeps the check lists.</summary>
    public const int Listed = 5;

    private static readonly TimeSpan[] Windows = [TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    /// <summary>
    /// The sweeps the held history can check: the model replays every candle, but sweeps are counted only from the
    /// oldest liquidation still held (the store keeps fewer days of liquidations than of candles, and a sweep before
    /// that would read as "nothing realised").
    /// </summary>
    public static IReadOnlyList<LiquidationSweep> Sweeps(MarketSnapshot snapshot, LiquidationLevelOptions options, DateTimeOffset now) =>
        snapshot.Klines.Count == 0 ? [] : LiquidationSweeps.Detect(snapshot, snapshot.Liquidations, CheckedFrom(snapshot, now), now, options);

    /// <summary>Where the check starts: the first candle, or the oldest liquidation held when that is later.</summary>
    public static DateTimeOffset CheckedFrom(MarketSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var first = snapshot.Klines.Count > 0 ? snapshot.Klines[0].OpenTime : now;
        return snapshot.Liquidations.Count > 0 && snapshot.Liquidations[0].Time > first ? snapshot.Liquidations[0].Time : first;
    }

    /// <summary>
    /// The check over the stored sweeps (<see cref="ISweepStore"/>, the last 30 days) merged with the ones the held
    /// history shows now (a symbol nobody watches has no stored history; the newest sweep may not be stored yet).
    /// Coverage starts at the earlier of the stored history's start and the held history's.
    /// </summary>
    public static async Task<CommandReply> CheckAsync(MarketSnapshot snapshot, LiquidationLevelOptions options, ReportContext ctx, ISweepStore? store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        var live = Sweeps(snapshot, options, ctx.Now);
        var start = CheckedFrom(snapshot, ctx.Now);
        if (store is null)
        {
            return Check(snapshot, ctx, live, start);
        }
        var stored = await store.GetSweepsAsync(snapshot.Venue, snapshot.Symbol, ctx.Now - Windows[^1], ctx.Now, cancellationToken).ConfigureAwait(false);
        var since = await store.GetCheckedSinceAsync(snapshot.Venue, snapshot.Symbol, cancellationToken).ConfigureAwait(false);
        return Check(snapshot, ctx, Merge(stored.Select(s => s.ToSweep()).ToList(), live), since is { } s0 && s0 < start ? s0 : start);
    }

    /// <summary>Stored sweeps plus the live ones not stored yet (same side, entering bar and band bottom), ordered by crossing.</summary>
    public static IReadOnlyList<LiquidationSweep> Merge(IReadOnlyList<LiquidationSweep> stored, IReadOnlyList<LiquidationSweep> live)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(live);
        var keys = stored.Select(s => (s.Side, s.Start, s.BandLow)).ToHashSet();
        return stored.Concat(live.Where(s => !keys.Contains((s.Side, s.Start, s.BandLow))))
            .OrderBy(s => s.End).ThenBy(s => s.Start).ToList();
    }

    public static CommandReply Check(MarketSnapshot snapshot, LiquidationLevelOptions options, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ctx);
        return Check(snapshot, ctx, Sweeps(snapshot, options, ctx.Now), CheckedFrom(snapshot, ctx.Now));
    }

    private static CommandReply Check(MarketSnapshot snapshot, ReportContext ctx, IReadOnlyList<LiquidationSweep> sweeps, DateTimeOffset start)
    {
        var t = ctx.T;
        var blocks = new List<ReportBlock>();
        if (sweeps.Count == 0)
        {
            blocks.Add(ParagraphBlock.Of(t.Get("sweep.none", ("span", TimeFormat.Duration(ctx.Now - start, t)))));
        }
        else
        {
            blocks.Add(new HeadingBlock(t["sweep.recent"]));
            blocks.Add(new ListBlock(sweeps.Reverse().Take(Listed).Select(s => (IReadOnlyList<TextRun>)[new TextRun(Line(s, ctx))]).ToList()));
        }
        var calibrations = Windows.Select(w => LiquidationSweeps.Calibrate(sweeps, ctx.Now, w, start)).ToList();
        blocks.Add(new HeadingBlock(t["sweep.calibration"]));
        blocks.Add(new FieldsBlock(calibrations.Select(c => new ReportField(
            t.Get("sweep.window", ("days", ((int)c.Window.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            c.Sweeps == 0
                ? t["sweep.windowEmpty"]
                : t.Get("sweep.windowValue", ("count", c.Sweeps.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("estimated", ctx.Usd(c.EstimatedUsd)),
                    ("realised", ctx.Usd(c.RealisedUsd)), ("ratio", c.Ratio is { } r ? NumberFormat.Share(r) : ctx.Na))
                + (c.Covered < c.Window ? " " + t.Get("sweep.covered", ("span", TimeFormat.Duration(c.Covered, t))) : ""),
            Inline: false)).ToList()));
        blocks.Add(new NoteBlock(t.Get("sweep.method", ("venue", ReportParts.VenueName(snapshot.Venue)))));
        var report = new Report(ReportKind.Liquidations, t.Get("sweep.title", ("symbol", snapshot.Symbol.Value)), blocks, ReportParts.Footer(snapshot, ctx),
            ReportParts.ViewActions(snapshot.Symbol, SymbolView.Liquidations, "levels " + snapshot.Symbol.Value, ctx));
        var data = new
        {
            Symbol = snapshot.Symbol.Value,
            snapshot.Venue,
            RealisedIsLowerBound = true,
            CheckedSince = start,
            Sweeps = sweeps.Select(s => new { s.Side, s.BandLow, s.BandHigh, s.EstimatedUsd, s.RealisedUsd, s.RealisedCount, s.Ratio, s.Start, s.End }).ToList(),
            Calibration = calibrations.Select(c => new { Days = (int)c.Window.TotalDays, c.Sweeps, c.EstimatedUsd, c.RealisedUsd, c.Ratio, CoveredHours = c.Covered.TotalHours }).ToList(),
        };
        return new CommandReply(report, null, data);
    }

    /// <summary>"Heatmap check: long band 90–91 swept 08:10 — est $7.5K, realised $1.36K (18.1 %)", or null with no sweep.</summary>
    public static string? LastCheck(MarketSnapshot snapshot, LiquidationLevelOptions options, ReportContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var sweeps = Sweeps(snapshot, options, ctx.Now);
        return sweeps.Count == 0 ? null : ctx.T.Get("sweep.last", ("line", Line(sweeps[^1], ctx)));
    }

    private static string Line(LiquidationSweep s, ReportContext ctx) =>
        ctx.T.Get("sweep.line",
            ("time", ctx.Time(s.Start)), ("side", ctx.T["liq.side." + s.Side]),
            ("low", NumberFormat.Price(s.BandLow)), ("high", NumberFormat.Price(s.BandHigh)),
            ("estimated", ctx.Usd(s.EstimatedUsd)), ("realised", ctx.Usd(s.RealisedUsd)),
            ("ratio", s.Ratio is { } r ? NumberFormat.Share(r) : ctx.Na));
}
