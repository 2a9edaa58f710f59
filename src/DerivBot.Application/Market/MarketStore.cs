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
/// The store is split by concern: <c>MarketStore.Leases.cs</c> (watches, warm leases, eviction),
/// <c>.Metadata.cs</c> (universe, funding intervals, tickers), <c>.Refresh.cs</c> (the refresh cycle),
/// <c>.Backfill.cs</c> (first load and history reads, paged by <see cref="HistoryPager"/>), <c>.StreamIngest.cs</c>,
/// <c>.Backoff.cs</c> and <c>.Snapshot.cs</c>.
/// </summary>
public sealed partial class MarketStore : IMarketData, IMarketStreamHandler, IWatchedSymbols, IDisposable
{
    private readonly IMarketDataVenue _venue;
    private readonly MarketOptions _options;
    private readonly TimeProvider _time;
    private readonly ILiquidationListener[] _listeners;
    private readonly ILogger<MarketStore> _logger;
    private readonly ConcurrentDictionary<Symbol, SymbolState> _symbols = new();
    private readonly ConcurrentDictionary<Symbol, PremiumIndex> _premiums = new();
    private readonly ConcurrentDictionary<Symbol, LiquidationBook> _liquidations = new();
    private readonly CancellationTokenSource _lifetime = new();

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
}
