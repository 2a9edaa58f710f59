using System.Collections.Concurrent;
using DerivBot.Core.Markets;
using DerivBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Market;

/// <summary>
/// The in-memory market store: implements <see cref="IMarketData"/> over one <see cref="IMarketDataVenue"/> and
/// ingests the venue's <see cref="IMarketStream"/>.
/// <list type="bullet">
/// <item>A symbol is backfilled from the history endpoints on first use (<see cref="Watch"/> or a read), then kept
/// fresh by <see cref="RefreshAsync"/>: bulk calls once per cycle plus per-symbol calls only for symbols that are
/// watched, were read within <see cref="MarketOptions.WarmLease"/>, or are in the top N by volume. The number of
/// chats, subscriptions or readers never changes the number of venue calls.</item>
/// <item>Series are bounded rings (<see cref="SeriesRing"/>) of compact decimals, so memory is fixed per symbol.</item>
/// <item>A failed refresh keeps the last good data and flags it (<see cref="MarketSnapshot.RefreshFailed"/>); a
/// symbol that never loaded propagates the <see cref="VenueException"/>. A Retry-After pauses all calls until it passes.</item>
/// </list>
/// </summary>
public sealed class MarketStore : IMarketData, IMarketStreamHandler, IWatchedSymbols, IDisposable
{
    private readonly IMarketDataVenue _venue;
    private readonly MarketOptions _options;
    private readonly TimeProvider _time;
    private readonly ILiquidationListener[] _listeners;
    private readonly ILogger<MarketStore> _logger;
    private readonly ConcurrentDictionary<Symbol, SymbolState> _symbols = new();
    private readonly ConcurrentDictionary<Symbol, PremiumIndex> _premiums = new();
    private readonly ConcurrentDictionary<Symbol, LiquidationBook> _liquidations = new();
    private readonly SemaphoreSlim _metadataGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _backoffGate = new();

    private IReadOnlyList<PerpetualContract>? _universe;
    private Dictionary<Symbol, PerpetualContract> _contracts = [];
    private DateTimeOffset _universeAt;
    private Dictionary<Symbol, int> _fundingIntervals = [];
    private DateTimeOffset? _fundingInfoAt;
    private Dictionary<Symbol, Ticker24h> _futuresTickers = [];
    private Dictionary<Symbol, Ticker24h> _spotTickers = [];
    private bool _tickersLoaded;
    private DateTimeOffset _backoffUntil = DateTimeOffset.MinValue;
    private int _disposed;

    public MarketStore(
        IMarketDataVenue venue,
        IOptions<MarketOptions> options,
        TimeProvider time,
        IEnumerable<ILiquidationListener> listeners,
        ILogger<MarketStore> logger)
    {
        _venue = venue;
        _options = options.Value;
        _time = time;
        _listeners = listeners.ToArray();
        _logger = logger;
    }

    public string VenueName => _venue.Name;

    /// <summary>Stream state for /health.</summary>
    public MarketStreamHealth StreamHealth { get; } = new();

    /// <summary>When a refresh cycle last got the venue's bulk data (readiness: market data fresh); null before the first.</summary>
    public DateTimeOffset? LastSuccessfulRefresh => Interlocked.Read(ref _lastSuccessfulRefreshTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private long _lastSuccessfulRefreshTicks;

    /// <summary>Symbols currently loaded (backfilled) in memory.</summary>
    public IReadOnlyCollection<Symbol> LoadedSymbols => _symbols.Values.Where(s => s.Loaded).Select(s => s.Symbol).ToList();

    /// <summary>Bytes held by the series arrays of all symbols (rings and liquidation books), excluding object headers.</summary>
    public long SeriesBytes
    {
        get
        {
            long total = 0;
            foreach (var s in _symbols.Values)
            {
                lock (s.Gate)
                {
                    total += s.Series.AllocatedBytes;
                }
            }
            foreach (var b in _liquidations.Values)
            {
                lock (b.Gate)
                {
                    total += b.AllocatedBytes;
                }
            }
            return total;
        }
    }

    /// <summary>Symbols watched (a subscription, an alert) or kept loaded (the top-N, warm leases): what per-symbol
    /// liquidation streams subscribe.</summary>
    public IReadOnlyCollection<Symbol> WatchedSymbols =>
        _symbols.Values.Where(s => !s.Evicted && (s.Watchers > 0 || s.Loaded)).Select(s => s.Symbol).ToList();

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

    public async Task<IReadOnlyList<PerpetualContract>> GetUniverseAsync(CancellationToken cancellationToken)
    {
        if (_universe is { } u)
        {
            return u;
        }
        await LoadMetadataAsync(force: false, recorder: null, cancellationToken).ConfigureAwait(false);
        return _universe ?? [];
    }

    public async Task<MarketSnapshot> GetSnapshotAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Task? load = null;
        SymbolState state;
        while (true)
        {
            state = _symbols.GetOrAdd(symbol, s => new SymbolState(s, _options));
            lock (state.Gate)
            {
                if (!state.Evicted)
                {
                    break;
                }
            }
        }
        lock (state.Gate)
        {
            if (state.LeaseUntil < now + _options.WarmLease)
            {
                state.LeaseUntil = now + _options.WarmLease;
            }
            if (!state.Loaded)
            {
                if (state.LoadTask is null)
                {
                    ThrowIfBackingOff(now);
                    state.LoadTask = LoadSymbolAsync(state, recorder: null, _lifetime.Token);
                }
                load = state.LoadTask;
            }
        }
        if (load is not null)
        {
            await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return BuildSnapshot(state);
    }

    /// <summary>
    /// One refresh cycle (called by the refresh job every <c>Jobs:RefreshInterval</c>): bulk premium index and tickers,
    /// metadata when due, then per-symbol updates for the active set only.
    /// </summary>
    public async Task<RefreshReport> RefreshAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var recorder = new CallRecorder();
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
        DateTimeOffset started, CallRecorder recorder, IEnumerable<Symbol> refreshed, IEnumerable<Symbol> loaded,
        IReadOnlyList<Symbol> evicted, IEnumerable<RefreshFailure> failures)
    {
        var backoff = CurrentBackoff();
        return new RefreshReport(
            started, recorder.Calls, refreshed.OrderBy(s => s.Value, StringComparer.Ordinal).ToList(),
            loaded.OrderBy(s => s.Value, StringComparer.Ordinal).ToList(), evicted, failures.ToList(),
            backoff > started ? backoff : null);
    }

    // ---- stream ingestion -------------------------------------------------------------------------------------

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

    public void Dispose()
    {
        // DI disposes the store once per registration that resolves to it (MarketStore and IMarketData).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _lifetime.Cancel();
        _lifetime.Dispose();
        _metadataGate.Dispose();
    }

    // ---- internals ----------------------------------------------------------------------------------------------

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

    private async Task RefreshBulkAsync(DateTimeOffset now, CallRecorder recorder, CancellationToken ct)
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

    private async Task LoadTickersAsync(CallRecorder recorder, CancellationToken ct)
    {
        var futures = await recorder.Run("ticker24h", null, () => _venue.GetFuturesTickersAsync(ct)).ConfigureAwait(false);
        var spot = await recorder.Run("spotTicker24h", null, () => _venue.GetSpotTickersAsync(ct)).ConfigureAwait(false);
        _futuresTickers = ToMap(futures);
        _spotTickers = ToMap(spot);
        _tickersLoaded = true;

        static Dictionary<Symbol, Ticker24h> ToMap(IReadOnlyList<Ticker24h> tickers)
        {
            var map = new Dictionary<Symbol, Ticker24h>(tickers.Count);
            foreach (var t in tickers)
            {
                map[t.Symbol] = t;
            }
            return map;
        }
    }

    /// <summary>exchangeInfo + fundingInfo; single flight so parallel first loads don't each call them.</summary>
    private async Task LoadMetadataAsync(bool force, CallRecorder? recorder, CancellationToken ct)
    {
        await _metadataGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!force && _universe is not null && _fundingInfoAt is not null)
            {
                return;
            }
            recorder ??= new CallRecorder();
            var now = _time.GetUtcNow();
            var universe = await recorder.Run("exchangeInfo", null, () => _venue.GetPerpetualsAsync(ct)).ConfigureAwait(false);
            var info = await recorder.Run("fundingInfo", null, () => _venue.GetFundingInfoAsync(ct)).ConfigureAwait(false);
            _contracts = universe.GroupBy(c => c.Symbol).ToDictionary(g => g.Key, g => g.First());
            _fundingIntervals = info.GroupBy(i => i.Symbol).ToDictionary(g => g.Key, g => g.First().IntervalHours);
            _universe = universe;
            _universeAt = now;
            _fundingInfoAt = now;
        }
        finally
        {
            _metadataGate.Release();
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

    private async Task LoadSymbolAsync(SymbolState state, CallRecorder? recorder, CancellationToken ct)
    {
        recorder ??= new CallRecorder();
        // Callers store the returned task under the symbol's lock; yielding first guarantees that happens before this
        // method's own completion (which clears it under the same lock), even when the venue fails synchronously.
        await Task.Yield();
        try
        {
            var symbol = state.Symbol;
            await LoadMetadataAsync(force: false, recorder, ct).ConfigureAwait(false);
            if (_contracts.Count > 0 && !_contracts.ContainsKey(symbol))
            {
                throw new VenueException(_venue.Name, VenueErrorKind.InvalidSymbol, $"{symbol} is not a trading perpetual on {_venue.Name}.");
            }
            if (!_premiums.ContainsKey(symbol))
            {
                foreach (var p in await recorder.Run("premiumIndex", null, () => _venue.GetPremiumIndexAsync(ct)).ConfigureAwait(false))
                {
                    _premiums.AddOrUpdate(p.Symbol, static (_, arg) => arg, static (_, old, arg) => arg.Time >= old.Time ? arg : old, p);
                }
            }
            if (!_tickersLoaded)
            {
                await LoadTickersAsync(recorder, ct).ConfigureAwait(false);
            }

            var now = _time.GetUtcNow();
            // Backfill into a private series first so readers never see a half-loaded symbol.
            var series = new SymbolSeries(_options);
            await FetchAllSeriesAsync(symbol, series, now, statistics: true, klines: true, funding: true, recorder, ct).ConfigureAwait(false);
            var live = await FetchLiveOpenInterestAsync(symbol, recorder, ct).ConfigureAwait(false);

            lock (state.Gate)
            {
                CopyInto(series, state.Series);
                if (_premiums.TryGetValue(symbol, out var premium))
                {
                    state.Series.AddPredicted(premium, _options.PredictedSampleInterval);
                }
                state.LiveOpenInterest = live;
                state.StatisticsFetchedAt = now;
                state.KlinesFetchedAt = now;
                state.FundingFetchedAt = now;
                state.LastSuccess = now;
                state.RefreshFailed = false;
                state.Loaded = true;
                state.LoadTask = null;
            }
            _logger.LogInformation("Loaded {Symbol} from {Venue} with {Calls} calls", symbol, _venue.Name, recorder.Calls.Count);
        }
        catch (Exception ex)
        {
            if (ex is VenueException venueError)
            {
                NoteBackoff(venueError, _time.GetUtcNow());
            }
            lock (state.Gate)
            {
                // Let the next reader or cycle try again instead of caching the failure.
                state.LoadTask = null;
            }
            throw;
        }
    }

    private async Task RefreshSymbolAsync(SymbolState state, CallRecorder recorder, CancellationToken ct)
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

    private sealed record SinceMarks(long? Funding, long? OpenInterest, long? Global, long? TopAccounts, long? TopPositions, long? Taker, long? Klines);

    private static SinceMarks SinceTimes(SymbolState state)
    {
        lock (state.Gate)
        {
            var s = state.Series;
            return new SinceMarks(s.Funding.LastTime, s.OpenInterest.LastTime, s.GlobalAccounts.LastTime, s.TopAccounts.LastTime,
                s.TopPositions.LastTime, s.Taker.LastTime, s.Klines.LastTime);
        }
    }

    private async Task FetchAllSeriesAsync(
        Symbol symbol, SymbolSeries into, DateTimeOffset now, bool statistics, bool klines, bool funding,
        CallRecorder recorder, CancellationToken ct, SinceMarks? since = null)
    {
        var depth = now - _options.HistoryDepth;
        var period = _options.StatisticsPeriod;
        if (funding)
        {
            var from = Start(since?.Funding, now - _options.FundingHistoryDepth);
            await PageAsync("fundingRate", symbol, from, now, 1000,
                q => _venue.GetFundingHistoryAsync(symbol, q, ct), p => p.Time, into.AddFunding, recorder).ConfigureAwait(false);
        }
        if (statistics)
        {
            await PageAsync("openInterestHist", symbol, Start(since?.OpenInterest, depth), now, 500,
                q => _venue.GetOpenInterestHistoryAsync(symbol, period, q, ct), p => p.Time, into.AddOpenInterest, recorder).ConfigureAwait(false);
            foreach (var kind in new[] { RatioKind.GlobalAccounts, RatioKind.TopTraderAccounts, RatioKind.TopTraderPositions })
            {
                var mark = kind switch
                {
                    RatioKind.GlobalAccounts => since?.Global,
                    RatioKind.TopTraderAccounts => since?.TopAccounts,
                    _ => since?.TopPositions,
                };
                var ring = into.Ratios(kind);
                await PageAsync(RatioEndpoint(kind), symbol, Start(mark, depth), now, 500,
                    q => _venue.GetLongShortRatioAsync(symbol, kind, period, q, ct), p => p.Time, p => SymbolSeries.AddRatio(ring, p), recorder).ConfigureAwait(false);
            }
            await PageAsync("takerlongshortRatio", symbol, Start(since?.Taker, depth), now, 500,
                q => _venue.GetTakerVolumeAsync(symbol, period, q, ct), p => p.Time, into.AddTaker, recorder).ConfigureAwait(false);
        }
        if (klines)
        {
            await PageAsync("klines", symbol, Start(since?.Klines, depth), now, 1500,
                q => _venue.GetKlinesAsync(symbol, _options.KlineInterval, q, ct), k => k.OpenTime, into.AddKline, recorder).ConfigureAwait(false);
        }

        // Resume from the newest point held (inclusive: the venue may have revised it, e.g. an open kline).
        static DateTimeOffset Start(long? lastMs, DateTimeOffset fallback) =>
            lastMs is { } ms ? SymbolSeries.Time(ms) : fallback;
    }

    private static string RatioEndpoint(RatioKind kind) => kind switch
    {
        RatioKind.GlobalAccounts => "globalLongShortAccountRatio",
        RatioKind.TopTraderAccounts => "topLongShortAccountRatio",
        _ => "topLongShortPositionRatio",
    };

    /// <summary>Reads [from, now] page by page (the venue returns start + limit rows, oldest first).</summary>
    private static async Task PageAsync<T>(
        string endpoint, Symbol symbol, DateTimeOffset from, DateTimeOffset now, int limit,
        Func<HistoryQuery, Task<IReadOnlyList<T>>> fetch, Func<T, DateTimeOffset> timeOf, Action<T> add, CallRecorder recorder)
    {
        var start = from;
        // Bounded: a venue that keeps returning full pages cannot keep us here forever.
        for (var page = 0; page < 100; page++)
        {
            var rows = await recorder.Run(endpoint, symbol, () => fetch(new HistoryQuery(start, null, limit))).ConfigureAwait(false);
            var last = start;
            foreach (var row in rows)
            {
                var t = timeOf(row);
                if (t > now)
                {
                    continue;
                }
                add(row);
                if (t > last)
                {
                    last = t;
                }
            }
            if (rows.Count < limit || last <= start || last >= now)
            {
                return;
            }
            start = last + TimeSpan.FromMilliseconds(1);
        }
    }

    private async Task<OpenInterestPoint?> FetchLiveOpenInterestAsync(Symbol symbol, CallRecorder recorder, CancellationToken ct)
    {
        var oi = await recorder.Run("openInterest", symbol, () => _venue.GetOpenInterestAsync(symbol, ct)).ConfigureAwait(false);
        if (oi.ValueUsd == 0m && _premiums.TryGetValue(symbol, out var p))
        {
            // The live endpoint sends contracts only; value them at the latest mark price.
            oi = oi with { ValueUsd = oi.Contracts * p.MarkPrice };
        }
        return oi;
    }

    private static void CopyInto(SymbolSeries from, SymbolSeries to)
    {
        Copy(from.Predicted, to.Predicted);
        Copy(from.Funding, to.Funding);
        Copy(from.OpenInterest, to.OpenInterest);
        Copy(from.GlobalAccounts, to.GlobalAccounts);
        Copy(from.TopAccounts, to.TopAccounts);
        Copy(from.TopPositions, to.TopPositions);
        Copy(from.Taker, to.Taker);
        Copy(from.Klines, to.Klines);

        static void Copy(SeriesRing a, SeriesRing b)
        {
            Span<decimal> values = stackalloc decimal[a.Width];
            for (var i = 0; i < a.Count; i++)
            {
                for (var f = 0; f < values.Length; f++)
                {
                    values[f] = a.ValueAt(i, f);
                }
                b.Add(a.TimeAt(i), values);
            }
        }
    }

    private MarketSnapshot BuildSnapshot(SymbolState state)
    {
        var symbol = state.Symbol;
        _contracts.TryGetValue(symbol, out var contract);
        _premiums.TryGetValue(symbol, out var premium);
        var hasPremium = _premiums.ContainsKey(symbol);
        var interval = _fundingIntervals.TryGetValue(symbol, out var h) ? h : 8;
        _futuresTickers.TryGetValue(symbol, out var futuresTicker);
        var (spotBase, multiplier) = SymbolResolver.SpotBaseOf(contract?.BaseAsset ?? BaseOf(symbol));
        _spotTickers.TryGetValue(new Symbol(spotBase + (contract?.QuoteAsset ?? "USDT")), out var spotTicker);
        var now = _time.GetUtcNow();

        Liquidation[] liquidations = [];
        if (_liquidations.TryGetValue(symbol, out var book))
        {
            lock (book.Gate)
            {
                liquidations = book.Snapshot(SymbolSeries.Ms(now - _options.LiquidationRetention));
            }
        }

        lock (state.Gate)
        {
            var s = state.Series;
            var live = state.LiveOpenInterest;
            var dataTime = Max(hasPremium ? premium.Time : null, live?.Time) ?? state.LastSuccess ?? now;
            return new MarketSnapshot
            {
                Venue = _venue.Name,
                Symbol = symbol,
                Contract = contract,
                Premium = hasPremium ? premium : null,
                FundingIntervalHours = interval,
                FundingHistory = s.FundingPoints(),
                PredictedFunding = s.PredictedPoints(),
                OpenInterest = s.OpenInterestPoints(live),
                GlobalAccountRatio = SymbolSeries.RatioPoints(s.GlobalAccounts),
                TopAccountRatio = SymbolSeries.RatioPoints(s.TopAccounts),
                TopPositionRatio = SymbolSeries.RatioPoints(s.TopPositions),
                TakerVolume = s.TakerPoints(),
                Klines = s.KlinePoints(),
                KlineInterval = _options.KlineInterval,
                Liquidations = liquidations,
                FuturesTicker = futuresTicker,
                SpotTicker = spotTicker,
                SpotMultiplier = multiplier,
                DataTime = dataTime,
                RefreshInterval = _options.RefreshInterval,
                RefreshFailed = state.RefreshFailed,
            };
        }

        static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
    }

    private static string BaseOf(Symbol symbol) =>
        symbol.Value.EndsWith("USDT", StringComparison.Ordinal) ? symbol.Value[..^4] : symbol.Value;

    private DateTimeOffset CurrentBackoff()
    {
        lock (_backoffGate)
        {
            return _backoffUntil;
        }
    }

    private void NoteBackoff(VenueException ex, DateTimeOffset now)
    {
        var wait = ex.RetryAfter ?? (ex.Kind is VenueErrorKind.RateLimited or VenueErrorKind.Banned ? TimeSpan.FromMinutes(1) : (TimeSpan?)null);
        if (wait is not { } w)
        {
            return;
        }
        lock (_backoffGate)
        {
            if (now + w > _backoffUntil)
            {
                _backoffUntil = now + w;
            }
        }
        _logger.LogWarning("{Venue} asked us to back off until {Until}", _venue.Name, now + w);
    }

    private void ThrowIfBackingOff(DateTimeOffset now)
    {
        var until = CurrentBackoff();
        if (until > now)
        {
            throw new VenueException(_venue.Name, VenueErrorKind.RateLimited,
                $"{_venue.Name} asked us to wait; try again after {until:HH:mm:ss} UTC.")
            { RetryAfter = until - now };
        }
    }

    /// <summary>Records venue calls (thread-safe) and turns a Retry-After into a store-wide pause.</summary>
    private sealed class CallRecorder
    {
        private readonly ConcurrentQueue<VenueCall> _calls = new();

        public IReadOnlyList<VenueCall> Calls => _calls.ToArray();

        public async Task<T> Run<T>(string endpoint, Symbol? symbol, Func<Task<T>> call)
        {
            _calls.Enqueue(new VenueCall(endpoint, symbol));
            return await call().ConfigureAwait(false);
        }
    }
}
