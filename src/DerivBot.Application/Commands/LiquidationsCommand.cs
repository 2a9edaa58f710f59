using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

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
