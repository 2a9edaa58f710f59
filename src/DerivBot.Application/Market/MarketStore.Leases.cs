using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// Symbol leases: reference-counted watches, warm leases after reads, and eviction of symbols nobody needs.
public sealed partial class MarketStore
{
    /// <summary>Keeps <paramref name="symbol"/> loaded and refreshed until a matching <see cref="Unwatch"/> (reference counted).</summary>
    public void Watch(Symbol symbol)
    {
        while (true)
        {
            var state = _symbols.GetOrAdd(symbol, s => new SymbolState(s, _options));
            lock (state.Gate)
            {
                if (state.Evicted)
                {
                    continue; // lost a race with eviction: take the fresh state
                }
                state.Watchers++;
                return;
            }
        }
    }

    /// <summary>Releases one <see cref="Watch"/>. The symbol stays warm for <see cref="MarketOptions.WarmLease"/> afterwards.</summary>
    public void Unwatch(Symbol symbol)
    {
        if (_symbols.TryGetValue(symbol, out var state))
        {
            lock (state.Gate)
            {
                if (state.Watchers > 0)
                {
                    state.Watchers--;
                }
                state.LeaseUntil = _time.GetUtcNow() + _options.WarmLease;
            }
        }
    }

    private List<SymbolState> ActiveSymbols(DateTimeOffset now, out IReadOnlyList<Symbol> evicted)
    {
        var top = new HashSet<Symbol>();
        if (_options.TopN > 0)
        {
            var tradable = _contracts;
            foreach (var t in _futuresTickers.Values
                         .Where(t => tradable.Count == 0 || tradable.ContainsKey(t.Symbol))
                         .OrderByDescending(t => t.QuoteVolume)
                         .ThenBy(t => t.Symbol.Value, StringComparer.Ordinal)
                         .Take(_options.TopN))
            {
                top.Add(t.Symbol);
            }
        }
        foreach (var s in top)
        {
            _symbols.GetOrAdd(s, x => new SymbolState(x, _options));
        }

        var active = new List<SymbolState>();
        var dropped = new List<Symbol>();
        foreach (var state in _symbols.Values)
        {
            lock (state.Gate)
            {
                var keep = state.Watchers > 0 || state.LeaseUntil > now || top.Contains(state.Symbol) || state.LoadTask is { IsCompleted: false };
                if (keep)
                {
                    active.Add(state);
                }
                else if (_symbols.TryRemove(new KeyValuePair<Symbol, SymbolState>(state.Symbol, state)))
                {
                    // Marked under the lock so a concurrent Watch/read retries on a fresh state instead of this one.
                    state.Evicted = true;
                    dropped.Add(state.Symbol);
                }
            }
        }
        evicted = dropped.OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
        return active.OrderBy(s => s.Symbol.Value, StringComparer.Ordinal).ToList();
    }
}
