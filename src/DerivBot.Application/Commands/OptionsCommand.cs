using DerivBot.Application.Localization;
using DerivBot.Application.OptionChains;
using DerivBot.Application.Reports;
using DerivBot.Core.Chat;
using DerivBot.Core.Localization;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

/// <summary>
/// <c>/options SYMBOL</c> (alias <c>/pcr</c>): Deribit put/call by open interest and volume, per expiry, max pain, ATM IV,
/// the readings with their reasons, and the open-interest-by-strike image. The perpetual's long/short ratio and funding
/// feed the combined readings when they can be read; the report does not depend on them.
/// </summary>
public sealed class OptionsCommand(OptionsMarket options, SymbolQuery query, ILocalizer localizer, IChartRenderer? charts = null) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("options", ["pcr"], CommandCatalog.Describe(localizer, "cmd.options.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count == 0 || string.IsNullOrWhiteSpace(args[0]) || Core.Markets.SymbolResolver.Normalize(args[0]).Length == 0)
        {
            throw CommandUsageException.FromKey("error.usage.missingSymbol");
        }
        if (args.Count > 1)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1))));
        }
        var ctx = await query.ContextAsync(request, cancellationToken).ConfigureAwait(false);
        var t = ctx.T;
        if (!options.IsAvailable)
        {
            return Error(t["options.unavailable.title"], t["options.unavailable"]);
        }
        var asset = OptionsMarket.AssetOf(args[0]);
        var market = await PerpetualContextAsync(request, cancellationToken).ConfigureAwait(false);
        OptionsView view;
        try
        {
            view = await options.GetAsync(asset, market, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueException ex) when (ex.Kind == VenueErrorKind.InvalidSymbol)
        {
            return Error(t["options.notListed.title"], t.Get("options.notListed", ("venue", ReportParts.VenueName(options.VenueName ?? ex.Venue)), ("asset", asset)));
        }
        return new CommandResult([OptionsReport.Build(view, ctx, charts, cancellationToken)]);
    }

    /// <summary>Long/short and funding of the coin's perpetual, or nothing when it cannot be read (the options report stands alone).</summary>
    private async Task<OptionsMarketContext> PerpetualContextAsync(CommandRequest request, CancellationToken ct)
    {
        try
        {
            var q = await query.LoadAsync(request, 0, ct).ConfigureAwait(false);
            return OptionsMarket.ContextOf(q.Snapshot, q.Signals);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Best effort: a coin without a perpetual, or the perpetuals venue failing, only drops the combined readings.
            return OptionsMarketContext.None;
        }
    }

    private static CommandResult Error(string title, string line) =>
        CommandResult.Of(new Report(ReportKind.Error, title, [ParagraphBlock.Of(line)], Tone: ReportTone.Error));
}
