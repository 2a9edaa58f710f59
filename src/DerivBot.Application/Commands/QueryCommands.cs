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
        return new CommandResult([FundingReport.Build(q.Snapshot, q.Context)]);
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
        return new CommandResult([OpenInterestReport.Build(q.Snapshot, q.Context)]);
    }
}
