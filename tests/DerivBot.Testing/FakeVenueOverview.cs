using DerivBot.Core.Markets;
using DerivBot.Core.Ports;

namespace DerivBot.Testing;

/// <summary>
/// In-memory <see cref="IVenueOverview"/>: per-asset figures and OI history set by the test, and programmable
/// failures — every <see cref="VenueErrorKind"/> as the <see cref="VenueException"/> a real adapter throws, and a hang
/// that only ends when the caller cancels. Behaves like the real adapters (it passes <see cref="VenueOverviewContract"/>):
/// unlisted assets are absent, OI is in coins, history oldest first with the query's window and limit applied.
/// Thread-safe.
/// </summary>
public sealed class FakeVenueOverview : IVenueOverview
{
    private readonly object _gate = new();
    private readonly Dictionary<string, VenueInstrumentStat> _stats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OpenInterestPoint>> _history = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private VenueException? _failure;
    private bool _hang;
    private int _statsCalls;
    private int _historyCalls;

    public FakeVenueOverview(string name, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    /// <summary>How many <see cref="GetStatsAsync"/> calls were made (including failed ones).</summary>
    public int StatsCalls => Volatile.Read(ref _statsCalls);

    /// <summary>How many <see cref="GetOpenInterestHistoryAsync"/> calls were made (including failed ones).</summary>
    public int HistoryCalls => Volatile.Read(ref _historyCalls);

    /// <summary>Lists <paramref name="asset"/> with these figures (the venue's own listing name defaults to ASSETUSDT).</summary>
    /// <param name="fundingRate">Fraction per <paramref name="intervalHours"/>; null = the venue sends none.</param>
    /// <param name="openInterestUsd">Defaults to coins × mark.</param>
    /// <param name="time">Defaults to the clock's now at each call.</param>
    public FakeVenueOverview List(
        string asset, decimal markPrice, decimal? fundingRate, int intervalHours, decimal openInterestCoins,
        decimal? volume24hUsd = null, decimal? openInterestUsd = null, string? instrument = null, DateTimeOffset? time = null)
    {
        var stat = new VenueInstrumentStat(
            Name, instrument ?? asset + "USDT", asset, markPrice, fundingRate, intervalHours, null,
            openInterestCoins, openInterestUsd ?? openInterestCoins * markPrice, volume24hUsd, time ?? DateTimeOffset.MinValue);
        lock (_gate)
        {
            _stats[asset] = stat;
        }
        return this;
    }

    /// <summary>Stops listing <paramref name="asset"/>.</summary>
    public FakeVenueOverview Delist(string asset)
    {
        lock (_gate)
        {
            _stats.Remove(asset);
            _history.Remove(asset);
        }
        return this;
    }

    /// <summary>The venue's published OI history of <paramref name="asset"/> (coins), any order; served oldest first.</summary>
    public FakeVenueOverview WithHistory(string asset, IEnumerable<OpenInterestPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        lock (_gate)
        {
            _history[asset] = points.OrderBy(p => p.Time).ToList();
        }
        return this;
    }

    /// <summary>Every following call fails with <paramref name="kind"/> (as the real adapter maps HTTP 429/403/451/5xx, garbage, timeouts).</summary>
    public FakeVenueOverview FailWith(VenueErrorKind kind, TimeSpan? retryAfter = null, int? httpStatus = null)
    {
        lock (_gate)
        {
            _failure = new VenueException(Name, kind, $"{Name}: simulated {kind}.")
            {
                RetryAfter = retryAfter,
                HttpStatus = httpStatus ?? kind switch
                {
                    VenueErrorKind.RateLimited => 429,
                    VenueErrorKind.Banned => 403,
                    VenueErrorKind.RegionBlocked => 451,
                    VenueErrorKind.ServerError => 503,
                    _ => null,
                },
            };
            _hang = false;
        }
        return this;
    }

    /// <summary>Every following call waits until its token is cancelled (a venue that accepts the connection and never answers).</summary>
    public FakeVenueOverview Hang()
    {
        lock (_gate)
        {
            _hang = true;
            _failure = null;
        }
        return this;
    }

    /// <summary>Back to answering normally.</summary>
    public FakeVenueOverview Recover()
    {
        lock (_gate)
        {
            _hang = false;
            _failure = null;
        }
        return this;
    }

    public async Task<IReadOnlyList<VenueInstrumentStat>> GetStatsAsync(IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assets);
        Interlocked.Increment(ref _statsCalls);
        await FailOrHangAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return assets
                .Select(a => AssetNames.AssetOf(a))
                .Distinct(StringComparer.Ordinal)
                .Where(_stats.ContainsKey)
                .Select(a => _stats[a] is var s && s.Time == DateTimeOffset.MinValue ? s with { Time = now } : _stats[a])
                .ToList();
        }
    }

    public async Task<IReadOnlyList<OpenInterestPoint>> GetOpenInterestHistoryAsync(string asset, DataPeriod period, HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        Interlocked.Increment(ref _historyCalls);
        await FailOrHangAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_history.TryGetValue(AssetNames.AssetOf(asset), out var points))
            {
                return [];
            }
            // The venues' window rules: nothing after end (or now); from start when given, else the latest rows.
            var end = query.End is { } e && e < now ? e : now;
            IEnumerable<OpenInterestPoint> window = points.Where(p => p.Time <= end && (query.Start is not { } s || p.Time >= s));
            if (query.Limit is { } limit && limit > 0)
            {
                var list = window.ToList();
                window = query.Start is null ? list.Skip(Math.Max(0, list.Count - limit)) : list.Take(limit);
            }
            return window.ToList();
        }
    }

    private async Task FailOrHangAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool hang;
        VenueException? failure;
        lock (_gate)
        {
            hang = _hang;
            failure = _failure;
        }
        if (hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        if (failure is not null)
        {
            // A fresh exception per call, as a real adapter throws one per failed request.
            throw new VenueException(failure.Venue, failure.Kind, failure.Message)
            {
                RetryAfter = failure.RetryAfter,
                HttpStatus = failure.HttpStatus,
            };
        }
    }
}
