using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary>Footer provenance of a reply whose quadrant read the cross-venue aggregate (/quadrant, /signal and their digests).</summary>
internal static class QuadrantInputsFooter
{
    public static CommandReply Apply(CommandReply reply, SymbolQueryResult q) =>
        q.Aggregate is null ? reply : reply with { Report = reply.Report with { Footer = VenuesReport.WithQuadrantInputs(reply.Report.Footer, q.Aggregate, q.Context) } };
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
