using DerivBot.Core.Localization;
using System.Text.RegularExpressions;
using DerivBot.Application.Localization;
using DerivBot.Application.Reports;
using DerivBot.Application.Venues;
using DerivBot.Core.Chat;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;

namespace DerivBot.Application.Commands;

/// <summary>
/// <c>/venues ASSET</c> (alias <c>/compare</c>): the asset on every venue — funding in each venue's own interval, 8 h
/// equivalent and annualized, OI in coins and USD with shares, volume, OI/volume — then the aggregate and the missing
/// venues. Any spelling of the asset works (<c>BTC</c>, <c>btcusdt</c>, <c>BTC-USDT-SWAP</c>, <c>1000PEPEUSDT</c>).
/// </summary>
public sealed partial class VenuesCommand(VenueAggregator aggregator, SymbolQuery query, ILocalizer localizer, IChartRenderer? charts = null) : ICommandHandler
{
    public IReadOnlyList<CommandInfo> Commands { get; } =
    [
        new("venues", ["compare"], CommandCatalog.Describe(localizer, "cmd.venues.description"), false, [CommandCatalog.SymbolOption(localizer)]),
    ];

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = CommandArguments.Split(request.Arguments);
        if (args.Count == 0)
        {
            throw CommandUsageException.FromKey("error.usage.missingSymbol");
        }
        if (args.Count > 1)
        {
            throw CommandUsageException.FromKey("error.usage.tooMany", ("extra", string.Join(' ', args.Skip(1))));
        }
        var input = args[0];
        var asset = AssetNames.AssetOf(input);
        if (!AssetPattern().IsMatch(asset))
        {
            throw new SymbolNotFoundException(input, []);
        }
        var ctx = await query.ContextAsync(request, cancellationToken).ConfigureAwait(false);
        if (!aggregator.IsEnabled)
        {
            return CommandResult.Of(new Report(ReportKind.Venues, ctx.T.Get("venues.title", ("asset", asset)),
                [ParagraphBlock.Of(ctx.T["venues.noVenues"])], Tone: ReportTone.Warning));
        }
        var snapshot = await aggregator.GetAsync(asset, cancellationToken).ConfigureAwait(false);
        if (snapshot.Comparison.Rows.Count == 0 && snapshot.Missing.Count == 0)
        {
            // Every venue answered and none lists it: a typo or an unlisted coin.
            throw new SymbolNotFoundException(input, []);
        }
        // The reply's instant is the answer's, so the footer and "stale" marks agree with the data.
        return new CommandResult([VenuesReport.Build(snapshot, ctx with { Now = snapshot.Time }, charts, cancellationToken)]);
    }

    [GeneratedRegex("^[A-Z0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex AssetPattern();
}
