using DerivBot.Application.Subscriptions;
using DerivBot.Core.Markets;

namespace DerivBot.Application.Alerts;

/// <summary>Streamed liquidations: which symbols have liquidation rules, the 5-minute totals per venue and the event-keyed
/// idempotency of liquidation alerts.</summary>
public sealed partial class AlertEngine
{
    /// <summary>Tells the engine a liquidation rule exists for <paramref name="symbol"/> so stream events are evaluated at once.</summary>
    public void NoteLiquidationRule(Symbol symbol) => _liquidationRuleSymbols.TryAdd(symbol, 0);

    /// <summary>
    /// Learns which of <paramref name="symbols"/> have liquidation rules, without evaluating anything. With several
    /// instances the refresh-driven <see cref="EvaluateAsync"/> runs on one of them per cycle, but every instance
    /// reads its own liquidation streams and must know which events to evaluate (their alerts are keyed by the event,
    /// so the instances agree on one outbox row).
    /// </summary>
    public async Task TrackLiquidationRulesAsync(IEnumerable<Symbol> symbols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var now = _clock.GetUtcNow();
        foreach (var symbol in symbols)
        {
            var rules = await _store.GetRulesForSymbolAsync(symbol, now, cancellationToken).ConfigureAwait(false);
            if (rules.Any(r => r.Rule.Condition.Metric == AlertMetric.Liquidations5m))
            {
                NoteLiquidationRule(symbol);
            }
            else
            {
                _liquidationRuleSymbols.TryRemove(symbol, out _);
            }
        }
    }

    /// <summary>A liquidation from the stream: liquidation rules on its symbol are evaluated now, not at the next refresh.</summary>
    public async Task<int> OnLiquidationAsync(Liquidation liquidation, CancellationToken cancellationToken)
    {
        RecordLiquidation(liquidation);
        return await EvaluateLiquidationRulesAsync(liquidation.Symbol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a streamed liquidation to its symbol's 5-minute total (cheap, no I/O: safe on the stream's reader thread).
    /// Totals are kept per second, so memory stays bounded however many events arrive.
    /// </summary>
    public void RecordLiquidation(Liquidation liquidation)
    {
        var now = _clock.GetUtcNow();
        _liquidations.GetOrAdd(liquidation.Symbol, _ => new LiquidationBuffer()).Add(liquidation, now, LiquidationWindow);
        _eventKeys.Record(liquidation, now, LiquidationWindow);
    }

    /// <summary>True when <paramref name="symbol"/> has liquidation rules, so its stream events are worth evaluating at once.</summary>
    public bool WatchesLiquidations(Symbol symbol) => _liquidationRuleSymbols.ContainsKey(symbol);

    /// <summary>Evaluates the liquidation rules of <paramref name="symbol"/> against its recorded 5-minute total.</summary>
    public async Task<int> EvaluateLiquidationRulesAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        if (!_liquidationRuleSymbols.ContainsKey(symbol) || !_liquidations.TryGetValue(symbol, out var buffer))
        {
            return 0;
        }
        var now = _clock.GetUtcNow();
        var rules = (await _store.GetRulesForSymbolAsync(symbol, now, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Rule.Condition.Metric == AlertMetric.Liquidations5m)
            .ToList();
        if (rules.Count == 0)
        {
            return 0;
        }
        _lastSnapshots.TryGetValue(symbol, out var last);
        var venue = last?.Venue ?? string.Empty;
        var byVenue = buffer.ByVenue(now, LiquidationWindow, venue);
        if (last is not null)
        {
            byVenue = Larger(AlertEvaluator.LiquidationsByVenueInWindow(last.Liquidations, now, LiquidationWindow, venue), byVenue);
        }
        var sum = byVenue.Sum(v => v.Usd);
        var observation = new AlertObservation(true, false, SubscriptionTexts.Usd(sum)) { Venues = byVenue };
        return await ProcessAsync(rules, r => observation with { Holds = sum >= r.Condition.Threshold }, venue, now, cancellationToken,
            r => LiquidationKey(r, last, now)).ConfigureAwait(false);
    }

    /// <summary>
    /// The event-keyed idempotency key of a liquidation rule (see <see cref="LiquidationEventKeys"/>): the streamed event
    /// at which the total last crossed the threshold, else the snapshot's; null (time-keyed) when neither crossed.
    /// </summary>
    private string? LiquidationKey(AlertRule rule, MarketSnapshot? snapshot, DateTimeOffset now)
    {
        var crossing = _eventKeys.Crossing(rule.Symbol, rule.Condition.Threshold, now, LiquidationWindow)
            ?? (snapshot is null ? null : LiquidationEventKeys.Crossing(snapshot.Liquidations, rule.Condition.Threshold, now, LiquidationWindow));
        return crossing is { } c ? LiquidationEventKeys.Key(rule.Id, c) : null;
    }

    /// <summary>The 5-minute total the engine believes (the larger of the snapshot's and the stream's; the snapshot on a
    /// tie), with its per-venue parts.</summary>
    private static IReadOnlyList<LiquidationVenueUsd> Larger(IReadOnlyList<LiquidationVenueUsd> snapshot, IReadOnlyList<LiquidationVenueUsd> streamed) =>
        streamed.Sum(v => v.Usd) > snapshot.Sum(v => v.Usd) ? streamed : snapshot;
}
