using DerivBot.Core.Chat;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary>
/// A query command that takes exactly one symbol and answers with one report: <c>/funding</c>, <c>/oi</c>,
/// <c>/quadrant</c>, <c>/ls</c>, <c>/rsi</c>, <c>/signal</c>, <c>/levels</c>. They differ only in name, aliases and
/// report builder, so one type serves them all, configured per command by <see cref="SymbolReportCommands"/>.
/// </summary>
public sealed class SymbolReportCommand : ICommandHandler
{
    private readonly SymbolQuery _query;
    private readonly Func<SymbolQueryResult, CancellationToken, Task<CommandReply>> _build;

    /// <param name="info">The command's name, aliases, descriptions and options.</param>
    /// <param name="build">Builds the reply from the loaded symbol (snapshot, signals, context, cross-venue aggregate).</param>
    public SymbolReportCommand(CommandInfo info, SymbolQuery query, Func<SymbolQueryResult, CancellationToken, Task<CommandReply>> build)
    {
        ArgumentNullException.ThrowIfNull(info);
        _query = query;
        _build = build;
        Commands = [info];
    }

    public IReadOnlyList<CommandInfo> Commands { get; }

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var q = await _query.LoadAsync(request, 0, cancellationToken).ConfigureAwait(false);
        return new CommandResult([await _build(q, cancellationToken).ConfigureAwait(false)]);
    }
}
