using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>An <see cref="IWatchedSymbols"/> whose set the test changes (thread-safe snapshot, like the market store's).</summary>
public sealed class FakeWatchedSymbols : IWatchedSymbols
{
    private readonly object _gate = new();
    private readonly HashSet<Symbol> _symbols = [];

    public FakeWatchedSymbols(params string[] symbols)
    {
        foreach (var s in symbols)
        {
            _symbols.Add(new Symbol(s));
        }
    }

    public IReadOnlyCollection<Symbol> WatchedSymbols
    {
        get
        {
            lock (_gate)
            {
                return _symbols.ToList();
            }
        }
    }

    public void Watch(string symbol)
    {
        lock (_gate)
        {
            _symbols.Add(new Symbol(symbol));
        }
    }

    public void Unwatch(string symbol)
    {
        lock (_gate)
        {
            _symbols.Remove(new Symbol(symbol));
        }
    }
}
