using DerivBot.Core.Ports;

namespace DerivBot.Discord.Tests.Fakes;

/// <summary>Prefix search over a fixed symbol list.</summary>
public sealed class FakeSymbolCatalog(IReadOnlyList<string> symbols) : ISymbolCatalog
{
    public List<(string Prefix, int Max)> Calls { get; } = [];

    public Task<IReadOnlyList<string>> SuggestAsync(string prefix, int max, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add((prefix, max));
        }
        IReadOnlyList<string> result = symbols.Where(s => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(max).ToList();
        return Task.FromResult(result);
    }
}
