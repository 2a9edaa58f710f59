using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

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
