using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary><c>/funding SYMBOL</c> (aliases <c>/f</c>, <c>/fr</c>).</summary>
public sealed class FundingCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("funding", ["f", "fr"], CommandCatalog.Describe(localizer, "cmd.funding.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([FundingReport.Build(q.Snapshot, q.Signals, q.Context, q.Venues)]);
    }
}

/// <summary><c>/oi SYMBOL</c> (alias <c>/openinterest</c>).</summary>
public sealed class OpenInterestCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("oi", ["openinterest"], CommandCatalog.Describe(localizer, "cmd.oi.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([OpenInterestReport.Build(q.Snapshot, q.Signals, q.Context, q.Venues)]);
    }
}

/// <summary><c>/quadrant SYMBOL</c> (alias <c>/q</c>).</summary>
public sealed class QuadrantCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("quadrant", ["q"], CommandCatalog.Describe(localizer, "cmd.quadrant.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([QuadrantInputsFooter.Apply(SignalReports.Quadrant(q.Snapshot, q.Signals, q.Context), q)]);
    }
}

/// <summary>Footer provenance of a reply whose quadrant read the cross-venue aggregate (/quadrant, /signal and their digests).</summary>
internal static class QuadrantInputsFooter
{
    public static CommandReply Apply(CommandReply reply, SymbolQueryResult q) =>
        q.Aggregate is null ? reply : reply with { Report = reply.Report with { Footer = VenuesReport.WithQuadrantInputs(reply.Report.Footer, q.Aggregate, q.Context) } };
}

/// <summary><c>/ls SYMBOL</c> (alias <c>/longshort</c>).</summary>
public sealed class LongShortCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("ls", ["longshort"], CommandCatalog.Describe(localizer, "cmd.ls.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([SignalReports.LongShort(q.Snapshot, q.Signals, q.Context)]);
    }
}

/// <summary><c>/rsi SYMBOL</c>.</summary>
public sealed class RsiCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("rsi", [], CommandCatalog.Describe(localizer, "cmd.rsi.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([SignalReports.Rsi(q.Snapshot, q.Signals, q.Context)]);
    }
}

/// <summary><c>/signal SYMBOL</c> (aliases <c>/s</c>, <c>/dashboard</c>): every signal on one card, plus an options line for coins with listed options.</summary>
public sealed class SignalCommand(SymbolQuery query, ILocalizer localizer, OptionChains.OptionsMarket? options = null) : ICommandHandler
{
    /// <summary>How long the dashboard waits for the options line; a slow options venue never holds up the card.</summary>
    internal static readonly TimeSpan OptionsBudget = TimeSpan.FromSeconds(4);

    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("signal", ["s", "dashboard"], CommandCatalog.Describe(localizer, "cmd.signal.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        var reply = QuadrantInputsFooter.Apply(SignalReports.Dashboard(q.Snapshot, q.Signals, q.Context), q);
        if (await OptionsLineAsync(q, cancellationToken).ConfigureAwait(false) is { } line)
        {
            // The options line goes just before the closing note.
            var blocks = reply.Report.Blocks.ToList();
            var at = blocks.FindLastIndex(b => b is Core.Reports.NoteBlock);
            blocks.Insert(at < 0 ? blocks.Count : at, new Core.Reports.FieldsBlock([line]));
            reply = reply with { Report = reply.Report with { Blocks = blocks } };
        }
        return new CommandResult([reply]);
    }

    private async Task<Core.Reports.ReportField?> OptionsLineAsync(SymbolQueryResult q, CancellationToken ct)
    {
        if (options is not { IsAvailable: true })
        {
            return null;
        }
        var t = q.Context.T;
        var asset = OptionChains.OptionsMarket.AssetOf(q.Snapshot.Symbol.Value);
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
            var view = await options.GetAsync(asset, OptionChains.OptionsMarket.ContextOf(q.Snapshot, q.Signals), budget.Token).ConfigureAwait(false);
            return new Core.Reports.ReportField(label, OptionsReport.DashboardLine(view, q.Context), Inline: false);
        }
        catch (Exception ex) when (ex is VenueException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The dashboard still goes out; the line says the options venue did not answer.
            return new Core.Reports.ReportField(label, t.Get("signal.optionsUnavailable", ("venue", ReportParts.VenueName(options.VenueName ?? ""))), Inline: false);
        }
    }
}

/// <summary><c>/liq SYMBOL</c> (aliases <c>/liquidations</c>, <c>/liqs</c>): text summary, plus the heatmap when charts work.</summary>
public sealed class LiquidationsCommand(SymbolQuery query, ILocalizer localizer, IChartRenderer? charts = null, Study.ISweepStore? sweeps = null) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("liq", ["liquidations", "liqs"], CommandCatalog.Describe(localizer, "cmd.liq.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // "/liq BTC check" is the heatmap check (/levels BTC); anything else after the symbol is refused as before.
        var args = CommandArguments.Split(request.Arguments);
        var check = args.Count == 2 && string.Equals(args[1], "check", StringComparison.OrdinalIgnoreCase);
        var q = await query.LoadAsync(request, check ? 1 : 0, cancellationToken).ConfigureAwait(false);
        return check
            ? new CommandResult([await SweepReports.CheckAsync(q.Snapshot, query.SignalOptions.LiquidationLevels, q.Context, sweeps, cancellationToken).ConfigureAwait(false)])
            : new CommandResult([ChartReports.Liquidations(q.Snapshot, q.Signals, query.SignalOptions, q.Context, charts, cancellationToken, q.Aggregate)]);
    }
}

/// <summary><c>/levels SYMBOL</c>: the heatmap check — estimated clusters price swept vs liquidations realised there.</summary>
public sealed class LevelsCommand(SymbolQuery query, ILocalizer localizer, Study.ISweepStore? sweeps = null) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("levels", ["heatcheck"], CommandCatalog.Describe(localizer, "cmd.levels.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([await SweepReports.CheckAsync(q.Snapshot, query.SignalOptions.LiquidationLevels, q.Context, sweeps, cancellationToken).ConfigureAwait(false)]);
    }
}

/// <summary><c>/chart SYMBOL 1d|3d|7d|30d</c>: the history chart, or its text summary when charts are unavailable.</summary>
public sealed class ChartCommand(SymbolQuery query, ILocalizer localizer, IChartRenderer? charts = null) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("chart", [], CommandCatalog.Describe(localizer, "cmd.chart.description"), false,
        [
            CommandCatalog.SymbolOption(localizer),
            new CommandOption("window", CommandCatalog.Describe(localizer, "opt.window.description"), CommandOptionKind.Choice, Required: false, ChartReports.Windows),
        ]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Validate the window before touching market data: a typo should not cost a venue call.
        var args = CommandArguments.Split(request.Arguments);
        var window = args.Count > 1 ? args[1].ToLowerInvariant() : "1d";
        if (!ChartReports.Windows.Contains(window))
        {
            throw new CommandUsageException(localizer.Get(request.Language, "error.usage.badChoice", ("value", args[1]), ("choices", string.Join('|', ChartReports.Windows))));
        }
        var q = await query.LoadAsync(request, 1, cancellationToken).ConfigureAwait(false);
        return new CommandResult([ChartReports.History(q.Snapshot, window, query.SignalOptions, q.Context, charts, cancellationToken)]);
    }
}
