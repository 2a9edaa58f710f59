using DerivBot.Application.Localization;
using DerivBot.Application.OptionChains;
using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

/// <summary>The one-symbol query commands, each a <see cref="SymbolReportCommand"/> with its name, aliases and report builder.</summary>
public static class SymbolReportCommands
{
    /// <summary>How long the dashboard waits for the options line; a slow options venue never holds up the card.</summary>
    internal static readonly TimeSpan OptionsBudget = TimeSpan.FromSeconds(4);

    /// <summary><c>/funding SYMBOL</c> (aliases <c>/f</c>, <c>/fr</c>).</summary>
    public static SymbolReportCommand Funding(SymbolQuery query, ILocalizer localizer) =>
        Create("funding", ["f", "fr"], query, localizer, q => FundingReport.Build(q.Snapshot, q.Signals, q.Context, q.Venues));

    /// <summary><c>/oi SYMBOL</c> (alias <c>/openinterest</c>).</summary>
    public static SymbolReportCommand OpenInterest(SymbolQuery query, ILocalizer localizer) =>
        Create("oi", ["openinterest"], query, localizer, q => OpenInterestReport.Build(q.Snapshot, q.Signals, q.Context, q.Venues));

    /// <summary><c>/quadrant SYMBOL</c> (alias <c>/q</c>).</summary>
    public static SymbolReportCommand Quadrant(SymbolQuery query, ILocalizer localizer) =>
        Create("quadrant", ["q"], query, localizer, q => QuadrantInputsFooter.Apply(SignalReports.Quadrant(q.Snapshot, q.Signals, q.Context), q));

    /// <summary><c>/ls SYMBOL</c> (alias <c>/longshort</c>).</summary>
    public static SymbolReportCommand LongShort(SymbolQuery query, ILocalizer localizer) =>
        Create("ls", ["longshort"], query, localizer, q => SignalReports.LongShort(q.Snapshot, q.Signals, q.Context));

    /// <summary><c>/rsi SYMBOL</c>.</summary>
    public static SymbolReportCommand Rsi(SymbolQuery query, ILocalizer localizer) =>
        Create("rsi", [], query, localizer, q => SignalReports.Rsi(q.Snapshot, q.Signals, q.Context));

    /// <summary><c>/signal SYMBOL</c> (aliases <c>/s</c>, <c>/dashboard</c>): every signal on one card, plus an options line for coins with listed options.</summary>
    public static SymbolReportCommand Signal(SymbolQuery query, ILocalizer localizer, OptionsMarket? options = null) =>
        Create("signal", ["s", "dashboard"], query, localizer, (q, ct) => DashboardAsync(q, options, ct));

    /// <summary><c>/levels SYMBOL</c>: the heatmap check — estimated clusters price swept vs liquidations realised there.</summary>
    public static SymbolReportCommand Levels(SymbolQuery query, ILocalizer localizer, ISweepStore? sweeps = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Create("levels", ["heatcheck"], query, localizer,
            (q, ct) => SweepReports.CheckAsync(q.Snapshot, query.SignalOptions.LiquidationLevels, q.Context, sweeps, ct));
    }

    private static SymbolReportCommand Create(string name, string[] aliases, SymbolQuery query, ILocalizer localizer, Func<SymbolQueryResult, CommandReply> build) =>
        Create(name, aliases, query, localizer, (q, _) => Task.FromResult(build(q)));

    private static SymbolReportCommand Create(
        string name, string[] aliases, SymbolQuery query, ILocalizer localizer, Func<SymbolQueryResult, CancellationToken, Task<CommandReply>> build) =>
        new(new CommandInfo(name, aliases, CommandCatalog.Describe(localizer, $"cmd.{name}.description"), false, [CommandCatalog.SymbolOption(localizer)]), query, build);

    private static async Task<CommandReply> DashboardAsync(SymbolQueryResult q, OptionsMarket? options, CancellationToken cancellationToken)
    {
        var reply = QuadrantInputsFooter.Apply(SignalReports.Dashboard(q.Snapshot, q.Signals, q.Context), q);
        if (await OptionsLineAsync(q, options, cancellationToken).ConfigureAwait(false) is { } line)
        {
            // The options line goes just before the closing note.
            var blocks = reply.Report.Blocks.ToList();
            var at = blocks.FindLastIndex(b => b is NoteBlock);
            blocks.Insert(at < 0 ? blocks.Count : at, new FieldsBlock([line]));
            reply = reply with { Report = reply.Report with { Blocks = blocks } };
        }
        return reply;
    }

    private static async Task<ReportField?> OptionsLineAsync(SymbolQueryResult q, OptionsMarket? options, CancellationToken ct)
    {
        if (options is not { IsAvailable: true })
        {
            return null;
        }
        var t = q.Context.T;
        var asset = OptionsMarket.AssetOf(q.Snapshot.Symbol.Value);
        var label = t.Get("signal.options", ("venue", ReportParts.VenueName(options.VenueName ?? "")));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(OptionsBudget);
        try
        {
            var listed = await options.AssetsAsync(budget.Token).ConfigureAwait(false);
            if (!listed.Contains(asset, StringComparer.Ordinal))
            {
                return null;
            }
            var view = await options.GetAsync(asset, OptionsMarket.ContextOf(q.Snapshot, q.Signals), budget.Token).ConfigureAwait(false);
            return new ReportField(label, OptionsReport.DashboardLine(view, q.Context), Inline: false);
        }
        catch (Exception ex) when (ex is VenueException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The dashboard still goes out; the line says the options venue did not answer.
            return new ReportField(label, t.Get("signal.optionsUnavailable", ("venue", ReportParts.VenueName(options.VenueName ?? ""))), Inline: false);
        }
    }
}
