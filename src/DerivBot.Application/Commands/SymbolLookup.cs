using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary>Resolves what a user typed ("btc", "PEPE", "eth/usdt") to a perpetual of the venue's universe.</summary>
public sealed class SymbolLookup(IMarketData market)
{
    /// <summary>The symbol for <paramref name="input"/>.</summary>
    /// <exception cref="CommandUsageException">The input is empty.</exception>
    /// <exception cref="SymbolNotFoundException">No perpetual matches; close matches are attached.</exception>
    public async Task<Symbol> ResolveAsync(string? input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input) || SymbolResolver.Normalize(input).Length == 0)
        {
            throw CommandUsageException.FromKey("error.usage.missingSymbol");
        }
        var universe = await UniverseAsync(cancellationToken).ConfigureAwait(false);
        var resolution = SymbolResolver.Resolve(input, universe);
        return resolution.Symbol ?? throw new SymbolNotFoundException(input.Trim(), resolution.Suggestions);
    }

    internal async Task<IReadOnlyCollection<Symbol>> UniverseAsync(CancellationToken cancellationToken)
    {
        var contracts = await market.GetUniverseAsync(cancellationToken).ConfigureAwait(false);
        return contracts.Select(c => c.Symbol).ToArray();
    }
}
