using DerivBot.Application.OptionChains;
using DerivBot.Application.Reports;
using DerivBot.Application.Study;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;

namespace DerivBot.Application.Commands;

/// <summary>The one-symbol query commands, each a <see cref="SymbolReportCommand"/> with its name, aliases and report builder.</summary>
public static partial class SymbolReportCommands
{
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
}
