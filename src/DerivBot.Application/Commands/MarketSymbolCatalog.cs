using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Application.Commands;

/// <summary>
/// Autocomplete over the venue's perpetual universe: exact match first, then symbols starting with the typed text,
/// then those whose base starts with it after a multiplier prefix ("PEP" → 1000PEPEUSDT), then any that contain it.
/// With nothing typed, the majors come first.
/// </summary>
public sealed class MarketSymbolCatalog(IMarketData market) : ISymbolCatalog
{
    private static readonly string[] Majors = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT"];
    private static readonly string[] MultiplierPrefixes = ["1000000", "100000", "10000", "1000", "1M"];

    public async Task<IReadOnlyList<string>> SuggestAsync(string prefix, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }
        var universe = (await market.GetUniverseAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => c.Symbol.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var typed = SymbolResolver.Normalize(prefix);
        if (typed.Length == 0)
        {
            return universe
                .OrderBy(s => Array.IndexOf(Majors, s) is var i && i >= 0 ? i : int.MaxValue)
                .ThenBy(s => s, StringComparer.Ordinal)
                .Take(max)
                .ToList();
        }
        return universe
            .Select(s => (Symbol: s, Rank: Rank(s, typed)))
            .Where(x => x.Rank < int.MaxValue)
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Symbol.Length)
            .ThenBy(x => x.Symbol, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Symbol)
            .ToList();
    }

    private static int Rank(string symbol, string typed)
    {
        if (string.Equals(symbol, typed, StringComparison.Ordinal))
        {
            return 0;
        }
        if (symbol.StartsWith(typed, StringComparison.Ordinal))
        {
            return 1;
        }
        foreach (var p in MultiplierPrefixes)
        {
            if (symbol.StartsWith(p, StringComparison.Ordinal) && symbol.AsSpan(p.Length).StartsWith(typed, StringComparison.Ordinal))
            {
                return 2;
            }
        }
        return symbol.Contains(typed, StringComparison.Ordinal) ? 3 : int.MaxValue;
    }
}
