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
        return new CommandResult([FundingReport.Build(q.Snapshot, q.Signals, q.Context)]);
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
        return new CommandResult([OpenInterestReport.Build(q.Snapshot, q.Signals, q.Context)]);
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
        return new CommandResult([SignalReports.Quadrant(q.Snapshot, q.Signals, q.Context)]);
    }
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

/// <summary><c>/signal SYMBOL</c> (aliases <c>/s</c>, <c>/dashboard</c>): every signal on one card.</summary>
public sealed class SignalCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("signal", ["s", "dashboard"], CommandCatalog.Describe(localizer, "cmd.signal.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([SignalReports.Dashboard(q.Snapshot, q.Signals, q.Context)]);
    }
}

/// <summary><c>/liq SYMBOL</c> (aliases <c>/liquidations</c>, <c>/liqs</c>): text summary, plus the heatmap when charts work.</summary>
public sealed class LiquidationsCommand(SymbolQuery query, ILocalizer localizer, IChartRenderer? charts = null) : ICommandHandler
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
            ? new CommandResult([SweepReports.Check(q.Snapshot, query.SignalOptions.LiquidationLevels, q.Context)])
            : new CommandResult([ChartReports.Liquidations(q.Snapshot, q.Signals, query.SignalOptions, q.Context, charts, cancellationToken)]);
    }
}

/// <summary><c>/levels SYMBOL</c>: the heatmap check — estimated clusters price swept vs liquidations realised there.</summary>
public sealed class LevelsCommand(SymbolQuery query, ILocalizer localizer) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("levels", ["heatcheck"], CommandCatalog.Describe(localizer, "cmd.levels.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([SweepReports.Check(q.Snapshot, query.SignalOptions.LiquidationLevels, q.Context)]);
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
