using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DerivBot.Application.Market;

// The refresh cycle: bulk calls, then per-symbol updates for the active set only (what is due since the last fetch).
public sealed partial class MarketStore
{
    /// <summary>
    /// One refresh cycle (called by the refresh job every <c>Jobs:RefreshInterval</c>): bulk premium index and tickers,
    /// metadata when due, then per-symbol updates for the active set only.
    /// </summary>
    public async Task<RefreshReport> RefreshAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var recorder = new VenueCallRecorder();
        var failures = new ConcurrentQueue<RefreshFailure>();
        var refreshed = new ConcurrentQueue<Symbol>();
        var loaded = new ConcurrentQueue<Symbol>();

        var backoff = CurrentBackoff();
        if (backoff > started)
        {
            return new RefreshReport(started, [], [], [], [], [], backoff) { SkippedForBackoff = true };
        }

        try
        {
            await RefreshBulkAsync(started, recorder, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueException ex)
        {
            NoteBackoff(ex, started);
            failures.Enqueue(new RefreshFailure(null, ex.Kind, ex.Message));
            _logger.LogWarning(ex, "Market refresh: bulk step failed on {Venue} ({Kind}); keeping last good data", _venue.Name, ex.Kind);
            foreach (var s in _symbols.Values)
            {
                lock (s.Gate)
                {
                    if (s.Loaded)
                    {
                        s.RefreshFailed = true;
                    }
                }
            }
            return Report(started, recorder, refreshed, loaded, [], failures);
        }

        Interlocked.Exchange(ref _lastSuccessfulRefreshTicks, _time.GetUtcNow().UtcTicks);
        var active = ActiveSymbols(started, out var evicted);
        await Parallel.ForEachAsync(
            active,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentSymbols, CancellationToken = cancellationToken },
            async (state, ct) =>
            {
                if (CurrentBackoff() > _time.GetUtcNow())
                {
                    return;
                }
                bool wasLoaded;
                Task? pending;
                lock (state.Gate)
                {
                    wasLoaded = state.Loaded;
                    pending = state.LoadTask;
                }
                try
                {
                    if (wasLoaded)
                    {
                        await RefreshSymbolAsync(state, recorder, ct).ConfigureAwait(false);
                        refreshed.Enqueue(state.Symbol);
                    }
                    else
                    {
                        if (pending is null)
                        {
                            lock (state.Gate)
                            {
                                state.LoadTask ??= LoadSymbolAsync(state, recorder, _lifetime.Token);
                                pending = state.LoadTask;
                            }
                        }
                        await pending.WaitAsync(ct).ConfigureAwait(false);
                        loaded.Enqueue(state.Symbol);
                    }
                }
                catch (VenueException ex)
                {
                    NoteBackoff(ex, _time.GetUtcNow());
                    failures.Enqueue(new RefreshFailure(state.Symbol, ex.Kind, ex.Message));
                    lock (state.Gate)
                    {
                        state.RefreshFailed = state.Loaded;
                    }
                    _logger.LogWarning(ex, "Market refresh of {Symbol} on {Venue} failed ({Kind}); keeping last good data", state.Symbol, _venue.Name, ex.Kind);
                }
            }).ConfigureAwait(false);

        return Report(started, recorder, refreshed, loaded, evicted, failures);
    }

    private RefreshReport Report(
        DateTimeOffset started, VenueCallRecorder recorder, IEnumerable<Symbol> refreshed, IEnumerable<Symbol> loaded,
        IReadOnlyList<Symbol> evicted, IEnumerable<RefreshFailure> failures)
    {
        var backoff = CurrentBackoff();
        return new RefreshReport(
            started, recorder.Calls, refreshed.OrderBy(s => s.Value, StringComparer.Ordinal).ToList(),
            loaded.OrderBy(s => s.Value, StringComparer.Ordinal).ToList(), evicted, failures.ToList(),
            backoff > started ? backoff : null);
    }

    private async Task RefreshBulkAsync(DateTimeOffset now, VenueCallRecorder recorder, CancellationToken ct)
    {
        var premiums = await recorder.Run("premiumIndex", null, () => _venue.GetPremiumIndexAsync(ct)).ConfigureAwait(false);
        foreach (var p in premiums)
        {
            ApplyPremium(p);
        }
        await LoadTickersAsync(recorder, ct).ConfigureAwait(false);
        var metadataDue = _universe is null || _fundingInfoAt is null || now - _universeAt >= _options.MetadataRefreshInterval;
        if (metadataDue)
        {
            await LoadMetadataAsync(force: true, recorder, ct).ConfigureAwait(false);
        }
    }

    private async Task RefreshSymbolAsync(SymbolState state, VenueCallRecorder recorder, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? statsAt, klinesAt, fundingAt;
        lock (state.Gate)
        {
            statsAt = state.StatisticsFetchedAt;
            klinesAt = state.KlinesFetchedAt;
            fundingAt = state.FundingFetchedAt;
        }
        var statsDue = BoundaryPassed(statsAt, now, _options.StatisticsPeriod.ToTimeSpan());
        var klinesDue = BoundaryPassed(klinesAt, now, _options.KlineInterval.ToTimeSpan());
        var fundingDue = BoundaryPassed(fundingAt, now, TimeSpan.FromHours(1));

        var live = await FetchLiveOpenInterestAsync(state.Symbol, recorder, ct).ConfigureAwait(false);
        // New rows go into a scratch series that is then merged under the lock (venue calls never hold the lock).
        var scratch = new SymbolSeries(_options);
        var since = SinceTimes(state);
        await FetchAllSeriesAsync(state.Symbol, scratch, now, statsDue, klinesDue, fundingDue, recorder, ct, since).ConfigureAwait(false);

        lock (state.Gate)
        {
            CopyInto(scratch, state.Series);
            state.LiveOpenInterest = live;
            if (statsDue) state.StatisticsFetchedAt = now;
            if (klinesDue) state.KlinesFetchedAt = now;
            if (fundingDue) state.FundingFetchedAt = now;
            state.LastSuccess = now;
            state.RefreshFailed = false;
        }
    }

    private static bool BoundaryPassed(DateTimeOffset? last, DateTimeOffset now, TimeSpan period) =>
        last is null || now.UtcTicks / period.Ticks > last.Value.UtcTicks / period.Ticks;
}
