using System.Collections.Concurrent;
using DerivBot.Core.OptionChains;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// In-memory <see cref="IOptionsVenue"/> behaving like the real adapters: chains per coin, unknown coins fail with
/// <see cref="VenueErrorKind.InvalidSymbol"/>, and <see cref="Failure"/> makes every call fail like an unreachable venue.
/// </summary>
public sealed class FakeOptionsVenue(string name = "deribit") : IOptionsVenue
{
    private readonly ConcurrentDictionary<string, OptionChain> _chains = new(StringComparer.Ordinal);
    private int _calls;

    public string Name => name;

    public TimeSpan MinRefreshInterval => TimeSpan.FromMinutes(1);

    /// <summary>When set, every call throws it.</summary>
    public VenueException? Failure { get; set; }

    /// <summary>Chain requests so far.</summary>
    public int ChainCalls => Volatile.Read(ref _calls);

    public void Set(OptionChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chains[chain.Asset] = chain;
    }

    public Task<IReadOnlyList<string>> GetOptionAssetsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is { } f)
        {
            throw f;
        }
        return Task.FromResult<IReadOnlyList<string>>([.. _chains.Keys.Order(StringComparer.Ordinal)]);
    }

    public Task<OptionChain> GetChainAsync(string asset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        if (Failure is { } f)
        {
            throw f;
        }
        return _chains.TryGetValue(asset.Trim().ToUpperInvariant(), out var chain)
            ? Task.FromResult(chain)
            : throw new VenueException(name, VenueErrorKind.InvalidSymbol, $"{name}: no options are listed on {asset}");
    }
}

/// <summary>In-memory <see cref="IOptionsHistoryStore"/> with the SQLite store's rules: one point per (venue, asset, time), oldest first.</summary>
public sealed class FakeOptionsHistoryStore : IOptionsHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Venue, string Asset), SortedDictionary<DateTimeOffset, OptionsHistoryPoint>> _points = [];

    public Task RecordOptionsAsync(string venue, string asset, OptionsHistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(point);
        lock (_gate)
        {
            if (!_points.TryGetValue((venue, asset), out var series))
            {
                _points[(venue, asset)] = series = [];
            }
            // Stored as the database stores it: whole milliseconds; a duplicate time is ignored.
            var time = DateTimeOffset.FromUnixTimeMilliseconds(point.Time.ToUnixTimeMilliseconds());
            series.TryAdd(time, point with { Time = time });
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OptionsHistoryPoint>> GetOptionsAsync(string venue, string asset, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OptionsHistoryPoint> result = _points.TryGetValue((venue, asset), out var series)
                ? series.Values.Where(p => p.Time >= since).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<int> PruneOptionsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = 0;
            foreach (var series in _points.Values)
            {
                foreach (var time in series.Keys.Where(t => t < before).ToList())
                {
                    series.Remove(time);
                    removed++;
                }
            }
            return Task.FromResult(removed);
        }
    }
}
