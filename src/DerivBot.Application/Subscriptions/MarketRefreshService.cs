using System.Collections.Concurrent;
using DerivBot.Application.Alerts;
using DerivBot.Application.Market;
using DerivBot.Application.Outbox;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Subscriptions;

/// <summary>What one refresh cycle did.</summary>
public sealed record RefreshCycleResult(IReadOnlyList<Symbol> Watched, int AlertsFired, int SummariesReleased);

/// <summary>
/// One refresh cycle: the watched set is the union of subscription and alert symbols (each once, however many chats
/// watch it); each venue refresher refreshes it once; then each symbol's snapshot is recorded into the bot's own history
/// and its alert rules are evaluated; held alerts whose quiet hours or cap window ended are summarised.
/// </summary>
public sealed partial class MarketRefreshService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(6);

    private readonly ISubscriptionStore _subscriptions;
    private readonly IReadOnlyList<IMarketRefresher> _refreshers;
    private readonly IMarketData _market;
    private readonly IMarketHistoryStore _history;
    private readonly IOutboxStore _outbox;
    private readonly AlertEngine _alerts;
    private readonly IOptionsMonitor<JobsOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<MarketRefreshService> _logger;
    private readonly ConcurrentDictionary<(string Venue, Symbol Symbol), Watermark> _recorded = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private bool _warnedNoRefresher;

    public MarketRefreshService(
        ISubscriptionStore subscriptions, IEnumerable<IMarketRefresher> refreshers, IMarketData market, IMarketHistoryStore history,
        IOutboxStore outbox, AlertEngine alerts, IOptionsMonitor<JobsOptions> options, TimeProvider clock, ILogger<MarketRefreshService> logger)
    {
        _subscriptions = subscriptions;
        _refreshers = refreshers.ToList();
        _market = market;
        _history = history;
        _outbox = outbox;
        _alerts = alerts;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>When a cycle last ran with nothing watched (so no market data needed refreshing); readiness reads it.</summary>
    public DateTimeOffset? LastIdleCycle { get; private set; }

    /// <summary>One whole cycle on this instance: <see cref="RefreshAsync"/> then <see cref="EvaluateAsync"/> (one instance per database).</summary>
    public async Task<RefreshCycleResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var watched = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await EvaluateAsync(watched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refreshes this instance's market data for the watched symbols (each venue refresher once). Every instance does
    /// this on its own, since it answers commands from its own market store. Returns the watched set.
    /// </summary>
    public async Task<IReadOnlyList<Symbol>> RefreshAsync(CancellationToken cancellationToken)
    {
        var watched = await _subscriptions.GetWatchedSymbolsAsync(cancellationToken).ConfigureAwait(false);
        if (watched.Count == 0)
        {
            LastIdleCycle = _clock.GetUtcNow();
        }
        if (_refreshers.Count == 0 && !_warnedNoRefresher)
        {
            _warnedNoRefresher = true;
            _logger.LogWarning("No market refresher is registered; alerts read whatever the market store has");
        }
        foreach (var refresher in _refreshers)
        {
            try
            {
                refresher.Watch(watched);
                if (watched.Count > 0)
                {
                    await refresher.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Refreshing {Venue} failed; evaluating on the last good data", refresher.VenueName);
            }
        }
        return watched;
    }

    /// <summary>
    /// Records history and evaluates alert rules for <paramref name="watched"/> from this instance's market store, then
    /// summarises held alerts and prunes. Writes shared state, so with several instances it runs on one of them per
    /// cycle (the clustered scheduler's job), reading the data that instance's own refresh keeps fresh.
    /// </summary>
    public async Task<RefreshCycleResult> EvaluateAsync(IReadOnlyList<Symbol> watched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watched);
        var fired = 0;
        foreach (var symbol in watched)
        {
            MarketSnapshot snapshot;
            try
            {
                snapshot = await _market.GetSnapshotAsync(symbol, cancellationToken).ConfigureAwait(false);
            }
            catch (VenueException ex)
            {
                _logger.LogWarning(ex, "No market data for {Symbol}; its alerts wait for the next cycle", symbol);
                continue;
            }
            try
            {
                await RecordHistoryAsync(snapshot, cancellationToken).ConfigureAwait(false);
                fired += await _alerts.EvaluateAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Alert evaluation for {Symbol} failed", symbol);
            }
        }
        var released = await _alerts.ReleaseHeldAsync(cancellationToken).ConfigureAwait(false);
        await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
        return new RefreshCycleResult(watched, fired, released);
    }
}
