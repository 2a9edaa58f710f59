using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// Stream ingest: mark prices, liquidations (deduplicated, then fanned out to listeners) and stream status.
public sealed partial class MarketStore
{
    public void OnMarkPrices(IReadOnlyList<PremiumIndex> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var p in updates)
        {
            ApplyPremium(p);
        }
        StreamHealth.OnMarkPrices(_time.GetUtcNow());
    }

    public void OnLiquidation(Liquidation liquidation)
    {
        var book = _liquidations.GetOrAdd(liquidation.Symbol, s => new LiquidationBook(s, _options.LiquidationsPerSymbol));
        var cutoff = SymbolSeries.Ms(_time.GetUtcNow() - _options.LiquidationRetention);
        bool added;
        lock (book.Gate)
        {
            added = book.Add(liquidation, cutoff);
        }
        StreamHealth.OnLiquidation(_time.GetUtcNow());
        if (!added)
        {
            // The same event again (a reconnect replaying recent pushes): counted once, alerted once.
            return;
        }
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnLiquidation(liquidation);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Liquidation listener {Listener} failed", listener.GetType().Name);
            }
        }
    }

    public void OnStatus(StreamStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        StreamHealth.OnStatus(status);
        _logger.LogInformation("Market stream {Venue}: {State} {Detail}", _venue.Name, status.State, status.Detail);
    }

    private void ApplyPremium(PremiumIndex p)
    {
        _premiums.AddOrUpdate(p.Symbol, static (_, arg) => arg, static (_, old, arg) => arg.Time >= old.Time ? arg : old, p);
        if (_symbols.TryGetValue(p.Symbol, out var state))
        {
            lock (state.Gate)
            {
                if (state.Loaded)
                {
                    state.Series.AddPredicted(p, _options.PredictedSampleInterval);
                }
            }
        }
    }
}
